package io.accessproof.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.events.StripeEventDao;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A restart costs nothing: only unclosed runs still inside their horizon go back into the outbox, into a
 * lane of their own, apart from the new webhooks (the dispatcher paces that lane).
 */
class OutboxRestartIntegrationTest {
    private static final Duration HORIZON = Duration.ofHours(24);

    private static TestStore store;
    private static Jdbi jdbi;

    @BeforeAll
    static void database() {
        store = TestStore.open(2);
        jdbi = store.jdbi();
    }

    @AfterAll
    static void drop() {
        store.close();
    }

    @Test
    void restart_redrivesUnclosedRunsInsideTheHorizonOnly_andNewWebhooksGoFirst() {
        dispatchedEvent("evt_old_incident", "3 days", "incident");
        dispatchedEvent("evt_old_proving", "2 days", "proving");
        dispatchedEvent("evt_recent_incident", "2 hours", "incident");
        dispatchedEvent("evt_recent_proving", "1 hour", "proving");
        dispatchedEvent("evt_recent_proven", "1 hour", "proven");
        newEvent("evt_new_webhook");

        int redriven = jdbi.onDemand(StripeEventDao.class).redriveUnclosed(HORIZON.toSeconds());

        assertThat(redriven).isEqualTo(2);
        List<String> newLane = jdbi.inTransaction(h -> h.attach(StripeEventDao.class).claimPending(10, 60))
                .stream().map(PendingEvent::eventId).toList();
        List<String> redriveLane = jdbi.inTransaction(h -> h.attach(StripeEventDao.class).claimRedrives(10, 60))
                .stream().map(PendingEvent::eventId).toList();
        assertThat(newLane).containsExactly("evt_new_webhook");
        assertThat(redriveLane).containsExactly("evt_recent_incident", "evt_recent_proving");
        assertThat(state("evt_old_incident")).as("past its horizon, the run keeps its verdict").isEqualTo("incident");
    }

    private static void dispatchedEvent(String eventId, String age, String runState) {
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO stripe_events (event_id, type, livemode, created, received, payload, raw_payload, "
                            + "dispatched, dispatch_attempts) VALUES (:e, 'invoice.paid', false, now() - CAST(:age AS interval), "
                            + "now() - CAST(:age AS interval), '{}'::jsonb, '\\x7b7d'::bytea, now() - CAST(:age AS interval), 1)")
                    .bind("e", eventId).bind("age", age).execute();
            h.createUpdate("INSERT INTO runs (event_id, event_type, state, started_at) "
                            + "VALUES (:e, 'invoice.paid', :s, now() - CAST(:age AS interval))")
                    .bind("e", eventId).bind("s", runState).bind("age", age).execute();
        });
    }

    private static void newEvent(String eventId) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO stripe_events (event_id, type, livemode, created, payload, "
                + "raw_payload) VALUES (:e, 'invoice.paid', false, now(), '{}'::jsonb, '\\x7b7d'::bytea)")
                .bind("e", eventId).execute());
    }

    private static String state(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM runs WHERE event_id = :e")
                .bind("e", eventId).mapTo(String.class).one());
    }
}
