package io.accessproof.store.runs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Writes to the {@code runs} and {@code run_timeline} tables. */
public interface RunDao {

    /** Creates or updates the run's row; null values keep what the row already holds. */
    String UPSERT = "INSERT INTO runs (event_id, event_type, event_created, customer_id, subscription_id, state, "
            + "expected, observed, proof_source, updated_at, closed_at, proven_at) "
            + "VALUES (:eventId, :eventType, :eventCreated, :customerId, :subscriptionId, :state, "
            + "CAST(:expected AS jsonb), CAST(:observed AS jsonb), :proofSource, :at, :closedAt, :provenAt) "
            + "ON CONFLICT (event_id) DO UPDATE SET "
            + "event_type = COALESCE(EXCLUDED.event_type, runs.event_type), "
            + "event_created = COALESCE(EXCLUDED.event_created, runs.event_created), "
            + "customer_id = COALESCE(EXCLUDED.customer_id, runs.customer_id), "
            + "subscription_id = COALESCE(EXCLUDED.subscription_id, runs.subscription_id), "
            + "state = EXCLUDED.state, "
            + "expected = COALESCE(EXCLUDED.expected, runs.expected), "
            + "observed = COALESCE(EXCLUDED.observed, runs.observed), "
            + "proof_source = COALESCE(EXCLUDED.proof_source, runs.proof_source), "
            + "updated_at = EXCLUDED.updated_at, "
            + "closed_at = EXCLUDED.closed_at, "
            + "proven_at = COALESCE(runs.proven_at, EXCLUDED.proven_at)";

    /** Appends one timeline entry; a retried step is written once. */
    String APPEND = "INSERT INTO run_timeline (event_id, writer, step, state, note, at) "
            + "VALUES (:eventId, :writer, :step, :state, :note, :at) ON CONFLICT (event_id, writer, step) DO NOTHING";

    /**
     * Writes one step of a run: its row as of the step ({@link #UPSERT}) and its timeline entry, in one
     * statement, so a step is one round trip and never half-written.
     */
    @SqlUpdate("WITH run AS (" + UPSERT + ") " + APPEND)
    void record(@BindMethods RunStep step);

    /**
     * Appends one timeline entry of the service's own (an operator's action). {@code writer} is the Temporal
     * run id (a retried run counts its steps from 1 again) or, for the service's own entries, who wrote it.
     */
    @SqlUpdate(APPEND)
    void appendTimeline(@Bind("eventId") String eventId, @Bind("writer") String writer, @Bind("step") int step,
                        @Bind("state") String state, @Bind("note") String note, @Bind("at") Instant at);

    /**
     * Runs still accepted or proving, without an open incident, whose last step is older than
     * {@code quietSince} (a re-driven run writes its first steps again), oldest first; for the stall watchdog.
     */
    @SqlQuery("SELECT r.event_id, r.event_type, r.started_at, r.updated_at, r.customer_id, r.subscription_id, e.livemode "
            + "FROM runs r JOIN stripe_events e ON e.event_id = r.event_id "
            + "WHERE r.state IN ('accepted', 'proving') AND r.updated_at < :quietSince "
            + "AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.event_id = r.event_id AND i.resolved_at IS NULL) "
            + "ORDER BY r.updated_at LIMIT :limit")
    @RegisterConstructorMapper(OpenRun.class)
    List<OpenRun> quietOpenRuns(@Bind("quietSince") Instant quietSince, @Bind("limit") int limit);

    /** A run the watchdog looks at. */
    record OpenRun(String eventId, String eventType, Instant startedAt, Instant updatedAt, String customerId,
                   String subscriptionId, boolean livemode) {
    }

    @SqlQuery("SELECT customer_id FROM runs WHERE event_id = :eventId AND customer_id IS NOT NULL")
    Optional<String> customer(@Bind("eventId") String eventId);

    @SqlQuery("SELECT state FROM runs WHERE event_id = :eventId")
    Optional<String> state(@Bind("eventId") String eventId);

    /** Closes the run as terminated by an operator; returns 0 when there is no such run. */
    @SqlUpdate("UPDATE runs SET state = 'terminated', closed_at = :at, updated_at = :at WHERE event_id = :eventId")
    int markTerminated(@Bind("eventId") String eventId, @Bind("at") Instant at);

    /** The next step number for timeline entries of this writer. */
    @SqlQuery("SELECT COALESCE(max(step), 0) + 1 FROM run_timeline WHERE event_id = :eventId AND writer = :writer")
    int nextStep(@Bind("eventId") String eventId, @Bind("writer") String writer);

    @SqlUpdate("UPDATE runs SET superseded_by = :newer WHERE event_id = :eventId")
    void markSupersededBy(@Bind("eventId") String eventId, @Bind("newer") String newerEventId);

    /** The subscription a run's reconcile found, for events that name none (entitlement summaries). */
    @SqlUpdate("UPDATE runs SET subscription_id = :subscriptionId WHERE event_id = :eventId")
    int nameSubscription(@Bind("eventId") String eventId, @Bind("subscriptionId") String subscriptionId);

    /**
     * The newest other event that overtakes this one's expectation, unless its run ended not_applicable or
     * terminated: an event of the same subscription (named by the event, or found by its run's reconcile), or
     * of the same customer about any subscription (each such run judges the customer by all their
     * subscriptions). Newer is a later Stripe {@code created}; within the same second, received later (Stripe and
     * its emulator send an object's events in order), then a later id.
     */
    @SqlQuery("SELECT e.event_id FROM stripe_events e LEFT JOIN runs r ON r.event_id = e.event_id "
            + "WHERE e.event_id IN (SELECT event_id FROM stripe_events WHERE subscription_id = :subscriptionId "
            + "UNION SELECT event_id FROM runs WHERE subscription_id = :subscriptionId "
            + "UNION SELECT event_id FROM stripe_events WHERE customer_id = :customerId AND subscription_id IS NOT NULL "
            + "UNION SELECT event_id FROM runs WHERE customer_id = :customerId AND subscription_id IS NOT NULL) "
            + "AND NOT e.ignored AND e.event_id <> :eventId "
            + "AND (e.created > :created OR (e.created = :created AND (e.received, e.event_id) > "
            + "(COALESCE((SELECT received FROM stripe_events WHERE event_id = :eventId), '-infinity'), :eventId))) "
            + "AND (r.state IS NULL OR r.state NOT IN ('not_applicable', 'terminated')) "
            + "ORDER BY e.created DESC, e.received DESC, e.event_id DESC LIMIT 1")
    String newerEvent(@Bind("eventId") String eventId, @Bind("subscriptionId") String subscriptionId,
                      @Bind("customerId") String customerId, @Bind("created") Instant created);

    /** The run's customer, as its event named it or its reconcile found it. */
    @SqlQuery("SELECT COALESCE((SELECT customer_id FROM runs WHERE event_id = :eventId), "
            + "(SELECT customer_id FROM stripe_events WHERE event_id = :eventId))")
    String customerOf(@Bind("eventId") String eventId);
}
