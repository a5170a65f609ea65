package io.accessproof.server.intake;

import io.accessproof.activities.store.PendingEvent;
import io.accessproof.activities.store.StripeEventDao;
import io.accessproof.server.runs.RunStarter;
import io.dropwizard.lifecycle.Managed;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional outbox: hands every stored, undispatched event to Temporal with signal-with-start
 * on workflow {@code stripe-<event id>}, so a run that an early receipt created gets its event, and a
 * second dispatch never starts a second run. An ignored event only closes a run that a receipt created
 * for it. Safe on several instances ({@code FOR UPDATE SKIP LOCKED}).
 * Temporal is never called on the request path.
 */
public final class OutboxDispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int BATCH = 50;
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final RunStarter starter;
    private final WorkflowServiceStubs service;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public OutboxDispatcher(Jdbi jdbi, RunStarter starter, WorkflowServiceStubs service) {
        this.jdbi = jdbi;
        this.starter = starter;
        this.service = service;
    }

    /** Asks the dispatcher to look at the outbox now rather than at its next poll. */
    public void poke() {
        wake.release();
    }

    @Override
    public void start() {
        try {
            int redriven = jdbi.onDemand(StripeEventDao.class).redriveUnclosed();
            if (redriven > 0) {
                LOG.info("re-driving {} events whose runs had not closed", redriven);
            }
        } catch (JdbiException e) {
            LOG.warn("could not re-drive unclosed runs at start-up: {}", e.getMessage());
        }
        running = true;
        thread = new Thread(this::loop, "outbox-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (!backoff.isZero()) {
                    awaitWake(backoff);
                    if (!temporalAnswers()) {
                        backoff = next(backoff);
                        continue;
                    }
                }
                int dispatched = dispatchBatch();
                backoff = Duration.ZERO;
                if (dispatched < BATCH) {
                    awaitWake(IDLE_POLL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoff = next(backoff);
                LOG.warn("outbox dispatch failed, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
            }
        }
    }

    /** Dispatches one batch in one transaction; the row locks keep other instances off these events. */
    int dispatchBatch() {
        return jdbi.inTransaction(handle -> {
            StripeEventDao events = handle.attach(StripeEventDao.class);
            List<PendingEvent> pending = events.lockPending(BATCH);
            for (PendingEvent event : pending) {
                if (!event.ignored()) {
                    start(event);
                } else if (event.receiptFirst()) {
                    starter.closeUntracked(event);
                }
                events.markDispatched(event.eventId());
            }
            return pending.size();
        });
    }

    private void start(PendingEvent event) {
        try {
            starter.startOnce(event);
        } catch (WorkflowExecutionAlreadyStarted e) {
            LOG.info("run for event {} already exists and is closed", event.eventId());
        }
    }

    private boolean temporalAnswers() {
        try {
            service.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void awaitWake(Duration timeout) throws InterruptedException {
        if (wake.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
        }
    }

    private static Duration next(Duration backoff) {
        Duration doubled = backoff.isZero() ? Duration.ofMillis(500) : backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }
}
