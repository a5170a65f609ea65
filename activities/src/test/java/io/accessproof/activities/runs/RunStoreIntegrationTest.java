package io.accessproof.activities.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.store.TestStore;
import io.accessproof.store.runs.RunDao;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.ProofSource;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.accessproof.workflows.model.StripeEventFacts;
import io.accessproof.workflows.model.SupersessionCheck;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run's writes against PostgreSQL: its steps (the row follows them, the timeline has each once) and which
 * run of a subscription is the newest (only that one may raise an incident).
 */
class RunStoreIntegrationTest {
    private static final long T = 1_780_000_000L;
    private static final AtomicLong RECEIVED = new AtomicLong(T * 1000);

    private static final StripeEventFacts EVENT = new StripeEventFacts("customer.subscription.created", null, false,
            "subscription", "sub_s1", "cus_s1", "sub_s1", T);
    private static final Expectation PRO = new Expectation(AccessChange.GRANT, "cus_s1", "sub_s1", "pro", true,
            List.of("export"), "active", "subscription active on pro");

    private static TestStore database;
    private static Jdbi jdbi;
    private static RunStoreActivitiesImpl store;

    @BeforeAll
    static void database() {
        database = TestStore.open(2);
        jdbi = database.jdbi();
        store = new RunStoreActivitiesImpl(jdbi);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void stepsUpdateTheRowAndAppendTheTimeline_aRetriedStepIsWrittenOnce() {
        store.record(step(1, RunState.ACCEPTED, null, null, "accepted", 1_000));
        store.record(step(2, RunState.PROVING, PRO, null, "proving", 2_000));
        store.record(step(2, RunState.PROVING, PRO, null, "proving", 2_000));
        store.record(step(3, RunState.PROVEN, null, ProofSource.PROBE, "proven by probe", 3_000));

        Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT state, event_type, customer_id, "
                        + "subscription_id, expected->>'plan' AS plan, proof_source, "
                        + "extract(epoch FROM proven_at) AS proven, extract(epoch FROM closed_at) AS closed "
                        + "FROM runs WHERE event_id = 'evt_s1'").mapToMap().one());
        assertThat(row).containsEntry("state", "proven").containsEntry("event_type", "customer.subscription.created")
                .containsEntry("customer_id", "cus_s1").containsEntry("subscription_id", "sub_s1")
                .containsEntry("plan", "pro").containsEntry("proof_source", "probe");
        assertThat(((Number) row.get("proven")).doubleValue()).isEqualTo(T + 3);
        assertThat(((Number) row.get("closed")).doubleValue()).isEqualTo(T + 3);
        List<String> timeline = jdbi.withHandle(h -> h.createQuery(
                "SELECT step || ' ' || state || ': ' || note FROM run_timeline WHERE event_id = 'evt_s1' ORDER BY step")
                .mapTo(String.class).list());
        assertThat(timeline).containsExactly("1 accepted: accepted", "2 proving: proving",
                "3 proven: proven by probe");
    }

    @Test
    void laterEventOfTheSameSubscription_supersedesAndIsLinked() {
        event("evt_a1", "customer.subscription.created", "sub_a", T, false);
        run("evt_a1", "proving");
        event("evt_a2", "customer.subscription.updated", "sub_a", T + 5, false);
        event("evt_other", "customer.subscription.updated", "sub_other", T + 9, false);

        assertThat(store.newerRun(new SupersessionCheck("evt_a1", "sub_a", T))).isEqualTo("evt_a2");
        assertThat(store.newerRun(new SupersessionCheck("evt_a2", "sub_a", T + 5))).isNull();
        String link = jdbi.withHandle(h -> h.createQuery("SELECT superseded_by FROM runs WHERE event_id = 'evt_a1'")
                .mapTo(String.class).one());
        assertThat(link).isEqualTo("evt_a2");
    }

    @Test
    void sameSecond_theEventReceivedLaterIsNewest_whateverItsId() {
        event("evt_b9", "customer.subscription.created", "sub_b", T, false);
        event("evt_b1", "customer.subscription.deleted", "sub_b", T, false);

        assertThat(store.newerRun(new SupersessionCheck("evt_b9", "sub_b", T))).isEqualTo("evt_b1");
        assertThat(store.newerRun(new SupersessionCheck("evt_b1", "sub_b", T))).isNull();
    }

    @Test
    void sameSecondAndReceivedTogether_exactlyOneOfTheTwoRunsIsNewest() {
        event("evt_e1", "customer.subscription.created", "sub_e", T, false);
        event("evt_e2", "invoice.paid", "sub_e", T, false);
        jdbi.useHandle(h -> h.execute("UPDATE stripe_events SET received = to_timestamp(?) WHERE subscription_id = 'sub_e'", T));

        assertThat(store.newerRun(new SupersessionCheck("evt_e1", "sub_e", T))).isEqualTo("evt_e2");
        assertThat(store.newerRun(new SupersessionCheck("evt_e2", "sub_e", T))).isNull();
    }

    @Test
    void entitlementSummaryWhoseReconcileNamedTheSubscription_takesPartInSupersession() {
        event("evt_c1", "customer.subscription.created", "sub_c", T, false);
        event("evt_c2", "entitlements.active_entitlement_summary.updated", null, T, false);
        run("evt_c2", "proving");
        jdbi.useExtension(RunDao.class, runs -> runs.nameSubscription("evt_c2", "sub_c"));

        assertThat(store.newerRun(new SupersessionCheck("evt_c1", "sub_c", T))).isEqualTo("evt_c2");
        assertThat(store.newerRun(new SupersessionCheck("evt_c2", "sub_c", T))).isNull();
    }

    @Test
    void ignoredEventsAndRunsClosedNotApplicableOrTerminated_neverSupersede() {
        event("evt_d1", "customer.subscription.created", "sub_d", T, false);
        event("evt_d2", "customer.subscription.trial_will_end", "sub_d", T + 1, true);
        event("evt_d3", "invoice.paid", "sub_d", T + 2, false);
        run("evt_d3", "not_applicable");
        event("evt_d4", "customer.subscription.updated", "sub_d", T + 3, false);
        run("evt_d4", "terminated");

        assertThat(store.newerRun(new SupersessionCheck("evt_d1", "sub_d", T))).isNull();
    }

    @Test
    void laterEventOfTheSameCustomer_aboutAnotherSubscription_supersedes_aOneOffPaymentDoesNot() {
        event("evt_f1", "customer.subscription.created", "sub_f_pro", T, false);
        customer("evt_f1", "cus_f");
        run("evt_f1", "proving");
        event("evt_f2", "invoice.paid", null, T + 3, false);
        customer("evt_f2", "cus_f");

        assertThat(store.newerRun(new SupersessionCheck("evt_f1", "sub_f_pro", T)))
                .as("a one-off invoice judges no subscription").isNull();

        event("evt_f3", "customer.subscription.created", "sub_f_team", T + 5, false);
        customer("evt_f3", "cus_f");

        assertThat(store.newerRun(new SupersessionCheck("evt_f1", "sub_f_pro", T))).isEqualTo("evt_f3");
        assertThat(store.newerRun(new SupersessionCheck("evt_f3", "sub_f_team", T + 5))).isNull();
    }

    private static void customer(String eventId, String customerId) {
        jdbi.useHandle(h -> h.execute("UPDATE stripe_events SET customer_id = ? WHERE event_id = ?", customerId, eventId));
    }

    /** Stores an event; each one received a millisecond after the one before. */
    private static void event(String id, String type, String subscription, long created, boolean ignored) {
        long received = RECEIVED.incrementAndGet();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO stripe_events (event_id, type, livemode, created, received, "
                        + "subscription_id, ignored, payload, raw_payload) VALUES (:id, :type, false, to_timestamp(:created), "
                        + "to_timestamp(:received / 1000.0), :sub, :ignored, '{}'::jsonb, '\\x'::bytea)")
                .bind("id", id).bind("type", type).bind("created", created).bind("received", received)
                .bind("sub", subscription).bind("ignored", ignored).execute());
    }

    private static void run(String eventId, String state) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO runs (event_id, state) VALUES (:id, :state)")
                .bind("id", eventId).bind("state", state).execute());
    }

    private static RunTransition step(int step, RunState state, Expectation expected, ProofSource source,
                                      String note, long afterMillis) {
        return new RunTransition("evt_s1", step, state, EVENT, expected, null, source, note, T * 1000 + afterMillis);
    }
}
