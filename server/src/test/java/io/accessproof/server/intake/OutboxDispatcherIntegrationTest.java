package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessproof.server.support.Eventually;
import io.accessproof.store.TestStore;
import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.events.StoredEvent;
import io.accessproof.store.events.StripeEventDao;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against PostgreSQL with a stand-in for Temporal: an event Temporal refuses again and again is
 * quarantined while the others move; an outage counts against no event; no row lock is held while Temporal
 * is called.
 */
class OutboxDispatcherIntegrationTest {
    private static final String POISON = "evt_poison";

    private TestStore store;
    private Jdbi jdbi;
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> quarantined = new CopyOnWriteArrayList<>();
    private final AtomicBoolean temporalUp = new AtomicBoolean(true);
    private final AtomicBoolean poisonRefused = new AtomicBoolean(true);
    private final List<String> lockedDuringHandOver = new CopyOnWriteArrayList<>();

    /** Temporal as the outbox sees it: refuses the poison event (while poisonRefused), and everything while down. */
    private final RunHandOver temporal = new RunHandOver() {
        @Override
        public void startOnce(PendingEvent event) {
            if (rowLocked(event.eventId())) {
                lockedDuringHandOver.add(event.eventId());
            }
            if (!temporalUp.get() || (POISON.equals(event.eventId()) && poisonRefused.get())) {
                throw new IllegalStateException("INVALID_ARGUMENT: refused");
            }
            started.add(event.eventId());
        }

        @Override
        public void closeUntracked(PendingEvent event) {
        }
    };

    @BeforeEach
    void start() {
        store = TestStore.open(4);
        jdbi = store.jdbi();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void anEventTemporalRefusesAgainAndAgain_isQuarantined_whileTheOthersStart_andARetryPutsItBack() throws Exception {
        store(POISON, "evt_ok_1", "evt_ok_2");
        OutboxDispatcher outbox = outbox(3);

        // Refused hand-overs go to the paced second lane: the outbox tries again as the pace allows.
        Eventually.await(Duration.ofSeconds(10), "the poison event quarantined", () -> {
            outbox.dispatchBatch();
            return !quarantined.isEmpty();
        });
        int afterQuarantine = outbox.dispatchBatch();

        assertThat(started).containsExactlyInAnyOrder("evt_ok_1", "evt_ok_2");
        assertThat(quarantined).containsExactly(POISON);
        assertThat(afterQuarantine).as("the quarantined event is not tried again").isZero();
        StripeEventDao events = jdbi.onDemand(StripeEventDao.class);
        assertThat(events.quarantinedCount()).isEqualTo(1);
        assertThat(events.outboxDepth()).as("a quarantined event is counted apart, not as outbox lag").isZero();

        poisonRefused.set(false);
        assertThat(events.redrive(POISON)).as("an operator's retry").isEqualTo(1);
        Eventually.await(Duration.ofSeconds(10), "the retried event started", () -> {
            outbox.dispatchBatch();
            return started.contains(POISON);
        });

        assertThat(started).contains(POISON);
        assertThat(events.quarantinedCount()).isZero();
        assertThat(events.outboxDepth()).isZero();
    }

    @Test
    void whileTemporalDoesNotAnswer_refusalsCountAgainstNoEvent_andTheEventsStartAfter() {
        store("evt_a", "evt_b");
        OutboxDispatcher outbox = outbox(1);
        temporalUp.set(false);

        assertThatThrownBy(outbox::dispatchBatch).hasMessageContaining("does not answer");
        assertThatThrownBy(outbox::dispatchBatch).as("given back at once, tried again").hasMessageContaining("does not answer");

        assertThat(quarantined).as("quarantineAfter 1, yet an outage quarantines nothing").isEmpty();
        temporalUp.set(true);
        outbox.dispatchBatch();
        assertThat(started).as("given back untried: still in the first lane").containsExactlyInAnyOrder("evt_a", "evt_b");
    }

    @Test
    void noRowLockIsHeldWhileTemporalIsCalled() {
        store("evt_x", "evt_y");

        outbox(3).dispatchBatch();

        assertThat(started).containsExactlyInAnyOrder("evt_x", "evt_y");
        assertThat(lockedDuringHandOver).as("events whose row was locked during their hand-over").isEmpty();
    }

    private OutboxDispatcher outbox(int quarantineAfter) {
        return new OutboxDispatcher(jdbi, temporal, temporalUp::get, Duration.ofDays(3),
                new OutboxDispatcher.Settings(quarantineAfter, Duration.ZERO, quarantined::add));
    }

    /** Whether another transaction finds the event's row locked (FOR UPDATE NOWAIT fails at once then). */
    private boolean rowLocked(String eventId) {
        try {
            jdbi.useTransaction(h -> h.createQuery("SELECT event_id FROM stripe_events WHERE event_id = :id FOR UPDATE NOWAIT")
                    .bind("id", eventId).mapTo(String.class).one());
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private void store(String... ids) {
        StripeEventDao events = jdbi.onDemand(StripeEventDao.class);
        List<String> stored = new ArrayList<>();
        for (String id : ids) {
            events.insertOrCountDelivery(new StoredEvent(id, "invoice.paid", null, false, "2025-03-31.basil",
                    Instant.ofEpochSecond(1_780_000_000L), "invoice", "in_" + id, "cus_1", "sub_1", false, "webhook",
                    "{}", "{}".getBytes(StandardCharsets.UTF_8), null));
            stored.add(id);
        }
        assertThat(Set.copyOf(stored)).hasSize(ids.length);
    }
}
