package io.accessproof.store.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code stripe_events} table: the intake's durable record and the outbox of runs to start. */
@RegisterConstructorMapper(PendingEvent.class)
public interface StripeEventDao {

    String PENDING_COLUMNS = "event_id, type, account, livemode, created, received, object_type, object_id, "
            + "customer_id, subscription_id, dispatch_attempts, ignored, "
            + "EXISTS (SELECT 1 FROM receipts r WHERE r.event_id = stripe_events.event_id) AS receipt_first, traceparent";

    /**
     * Stores the event in one statement. Idempotent on the event id: a redelivery stores nothing new and
     * counts the delivery. Returns true when this call inserted the row.
     */
    @SqlQuery(INSERT + "VALUES (:eventId, :type, :account, :livemode, :apiVersion, :created, :objectType, :objectId, "
            + ":customerId, :subscriptionId, :ignored, :source, CAST(:payloadJson AS jsonb), :rawPayload, :traceparent) "
            + COUNT_REDELIVERY + " RETURNING (xmax = 0)")
    boolean insertOrCountDelivery(@BindMethods StoredEvent event);

    /** Whether a statement of {@link #insertAllOrCountDeliveries} stored an event (false: a redelivery, counted). */
    record Insert(String eventId, boolean inserted) {
    }

    /**
     * {@link #insertOrCountDelivery} for many events in one statement (the group commit). One statement may not
     * touch a row twice, so the events' ids must differ.
     */
    @SqlQuery(INSERT + """
            SELECT event_id, type, account, livemode, api_version, CAST(created AS timestamptz), object_type, object_id,
                   customer_id, subscription_id, ignored, source, CAST(payload AS jsonb), raw_payload, traceparent
            FROM (VALUES <events>) AS v (event_id, type, account, livemode, api_version, created, object_type,
                  object_id, customer_id, subscription_id, ignored, source, payload, raw_payload, traceparent)
            """ + COUNT_REDELIVERY + " RETURNING event_id, (xmax = 0) AS inserted")
    @RegisterConstructorMapper(Insert.class)
    List<Insert> insertAllOrCountDeliveries(@BindMethodsList(value = "events", methodNames = {"eventId", "type",
            "account", "livemode", "apiVersion", "created", "objectType", "objectId", "customerId", "subscriptionId",
            "ignored", "source", "payloadJson", "rawPayload", "traceparent"}) List<StoredEvent> events);

    /**
     * Stores an event the sweep found unless it is stored, with no delivery counted: a find is not a delivery.
     * Returns true when this call stored it.
     */
    @SqlUpdate("INSERT INTO stripe_events (event_id, type, account, livemode, api_version, created, object_type, "
            + "object_id, customer_id, subscription_id, ignored, source, payload, raw_payload, delivery_count) "
            + "VALUES (:eventId, :type, :account, :livemode, :apiVersion, :created, :objectType, :objectId, "
            + ":customerId, :subscriptionId, :ignored, :source, CAST(:payloadJson AS jsonb), :rawPayload, 0) "
            + "ON CONFLICT (event_id) DO NOTHING")
    boolean insertIfAbsent(@BindMethods StoredEvent event);

    /** Which of these events are stored. */
    @SqlQuery("SELECT event_id FROM stripe_events WHERE event_id = ANY(:eventIds)")
    List<String> storedAmong(@Bind("eventIds") String[] eventIds);

    /** The start of {@link #insertOrCountDelivery}, before its values: the columns of a {@link StoredEvent}. */
    String INSERT = "INSERT INTO stripe_events (event_id, type, account, livemode, api_version, created, object_type, "
            + "object_id, customer_id, subscription_id, ignored, source, payload, raw_payload, traceparent) ";
    /** What a redelivery of a stored event changes: its delivery count, nothing else. */
    String COUNT_REDELIVERY = "ON CONFLICT (event_id) DO UPDATE SET delivery_count = stripe_events.delivery_count + 1, "
            + "last_delivery = now()";

    /** Events the outbox may take: not handed over, not quarantined, not claimed by a dispatcher now. */
    String CLAIMABLE = "dispatched IS NULL AND quarantined IS NULL AND (claimed_until IS NULL OR claimed_until < now())";

    /**
     * Claims up to {@code limit} never-dispatched events, oldest first, for {@code leaseSeconds}: no other
     * dispatcher takes them meanwhile, and no transaction stays open while they are handed to Temporal. Ignored
     * events pass through once too: a receipt may have created a run that waits for one.
     */
    @SqlQuery("WITH claimed AS (UPDATE stripe_events SET claimed_until = now() + make_interval(secs => :leaseSeconds) "
            + "WHERE event_id IN (SELECT event_id FROM stripe_events WHERE " + CLAIMABLE + " AND dispatch_attempts = 0 "
            + "ORDER BY received LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + PENDING_COLUMNS + ") "
            + "SELECT * FROM claimed ORDER BY received")
    List<PendingEvent> claimPending(@Bind("limit") int limit, @Bind("leaseSeconds") long leaseSeconds);

    /**
     * Claims the next events put back into the outbox (a restart's re-drive, an operator's retry, a receipt's
     * hand-back, a failed hand-over), in arrival order: the second lane, which the dispatcher paces so new
     * webhooks go first.
     */
    @SqlQuery("WITH claimed AS (UPDATE stripe_events SET claimed_until = now() + make_interval(secs => :leaseSeconds) "
            + "WHERE event_id IN (SELECT event_id FROM stripe_events WHERE " + CLAIMABLE + " AND dispatch_attempts > 0 "
            + "ORDER BY received LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + PENDING_COLUMNS + ") "
            + "SELECT * FROM claimed ORDER BY received")
    List<PendingEvent> claimRedrives(@Bind("limit") int limit, @Bind("leaseSeconds") long leaseSeconds);

    @SqlUpdate("UPDATE stripe_events SET dispatched = now(), dispatch_attempts = dispatch_attempts + 1, "
            + "dispatch_failures = 0, claimed_until = NULL, quarantined = NULL WHERE event_id = ANY(:eventIds)")
    void markDispatched(@Bind("eventIds") String[] eventIds);

    /** Gives claimed events back untried (Temporal did not answer: an outage, not the events' fault). */
    @SqlUpdate("UPDATE stripe_events SET claimed_until = NULL WHERE event_id = ANY(:eventIds)")
    void release(@Bind("eventIds") String[] eventIds);

    /** A hand-over Temporal refused while it answered: the event goes to the second lane, or to quarantine. */
    record FailedDispatch(String eventId, boolean quarantined) {
    }

    /**
     * Counts a refused hand-over of each event; its next try waits {@code backoffSeconds} times its refusals so
     * far (at most a minute). An event refused {@code quarantineAfter} times in a row is quarantined: the outbox
     * no longer tries it, and an operator's retry puts it back.
     */
    @SqlQuery("""
            UPDATE stripe_events SET dispatch_attempts = dispatch_attempts + 1,
                   dispatch_failures = dispatch_failures + 1,
                   claimed_until = now() + make_interval(secs => least(60, :backoffSeconds * (dispatch_failures + 1))),
                   quarantined = CASE WHEN dispatch_failures + 1 >= :quarantineAfter THEN now() END
            WHERE event_id = ANY(:eventIds)
            RETURNING event_id, quarantined IS NOT NULL AS quarantined""")
    @RegisterConstructorMapper(FailedDispatch.class)
    List<FailedDispatch> countFailedDispatch(@Bind("eventIds") String[] eventIds,
                                             @Bind("backoffSeconds") double backoffSeconds,
                                             @Bind("quarantineAfter") int quarantineAfter);

    @SqlQuery("SELECT count(*) FROM stripe_events WHERE quarantined IS NOT NULL")
    long quarantinedCount();

    /**
     * Puts every dispatched event whose run has not closed and is still inside its horizon back into the
     * outbox, so runs lost with an in-memory Temporal are started again (workflow id = event id keeps this
     * safe on a real cluster). A run past its horizon has finished watching: it keeps its state and its
     * incident, and is never started again as a fresh run of an old event.
     */
    @SqlUpdate("UPDATE stripe_events e SET dispatched = NULL WHERE dispatched IS NOT NULL AND NOT ignored "
            + "AND e.received > now() - make_interval(secs => :horizonSeconds) "
            + "AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.event_id = e.event_id "
            + "AND r.state IN ('proven', 'proven_late', 'superseded', 'not_applicable', 'terminated'))")
    int redriveUnclosed(@Bind("horizonSeconds") long horizonSeconds);

    /** Whether the newest stored event is a live-mode one; empty before the first event. */
    @SqlQuery("SELECT livemode FROM stripe_events ORDER BY received DESC LIMIT 1")
    Optional<Boolean> latestLivemode();

    /** Puts one event back into the outbox (an operator's retry of a closed, lost or quarantined run). */
    @SqlUpdate("UPDATE stripe_events SET dispatched = NULL, quarantined = NULL, dispatch_failures = 0 "
            + "WHERE event_id = :eventId AND NOT ignored")
    int redrive(@Bind("eventId") String eventId);

    /**
     * Hands an ignored event back to the outbox after a receipt for it was stored, in case the outbox
     * passed the event before that receipt's run existed.
     */
    @SqlUpdate("UPDATE stripe_events SET dispatched = NULL WHERE event_id = :eventId AND ignored")
    int handBackIgnored(@Bind("eventId") String eventId);

    /** Events waiting for their run to start (quarantined ones are counted apart). */
    @SqlQuery("SELECT count(*) FROM stripe_events WHERE dispatched IS NULL AND NOT ignored AND quarantined IS NULL")
    long outboxDepth();

    @SqlQuery("SELECT min(received) FROM stripe_events WHERE dispatched IS NULL AND NOT ignored AND quarantined IS NULL")
    Optional<Instant> oldestPending();

    @SqlQuery("SELECT " + PENDING_COLUMNS + " FROM stripe_events WHERE event_id = :eventId")
    Optional<PendingEvent> find(@Bind("eventId") String eventId);

    /** How the event reached accessproof: {@code webhook}, or {@code sweep} when it was never delivered. */
    @SqlQuery("SELECT source FROM stripe_events WHERE event_id = :eventId")
    Optional<String> source(@Bind("eventId") String eventId);

    @SqlQuery("SELECT delivery_count FROM stripe_events WHERE event_id = :eventId")
    Optional<Integer> deliveryCount(@Bind("eventId") String eventId);
}
