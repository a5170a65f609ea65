package io.accessproof.server.intake;

import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.events.StripeEventDao;
import io.dropwizard.lifecycle.Managed;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
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
    /** Concurrent hand-overs per batch: each is one round trip to Temporal, mostly waiting. */
    private static final int HAND_OVER_THREADS = 8;
    private static final double REDRIVES_PER_SECOND = 20;
    /** How long a claim keeps other dispatchers off an event: far longer than a hand-over's RPC timeouts. */
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final Jdbi jdbi;
    private final RunHandOver runs;
    private final BooleanSupplier temporalAnswers;
    private final Duration horizon;
    private final Settings settings;
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService handOverPool = Executors.newFixedThreadPool(HAND_OVER_THREADS, runnable -> {
        Thread thread = new Thread(runnable, "outbox-hand-over");
        thread.setDaemon(true);
        return thread;
    });
    // Re-driven events start workflows that queue on the same worker as new ones: paced, they never crowd out
    // a new webhook's run (a restart over 1,000 unfinished runs would otherwise delay it by seconds).
    private final RedrivePace redrivePace = new RedrivePace(REDRIVES_PER_SECOND, BATCH);
    private volatile boolean running;
    private Thread thread;

    /**
     * How refused hand-overs are treated.
     *
     * @param quarantineAfter refusals in a row, while Temporal answers, that quarantine an event
     * @param retryBackoff    wait before the next try, times the refusals so far (at most a minute)
     * @param onQuarantine    told the id of each event quarantined (a counter, an alert)
     */
    public record Settings(int quarantineAfter, Duration retryBackoff, Consumer<String> onQuarantine) {
    }

    /**
     * @param temporalAnswers whether Temporal answers at all: a refusal while it does not is an outage, not the
     *                        event's fault, and is not counted against the event
     * @param horizon         how long a run watches at most ({@code proving.horizon}); older runs are not re-driven
     */
    public OutboxDispatcher(Jdbi jdbi, RunHandOver runs, BooleanSupplier temporalAnswers, Duration horizon,
                            Settings settings) {
        this.jdbi = jdbi;
        this.runs = runs;
        this.temporalAnswers = temporalAnswers;
        this.horizon = horizon;
        this.settings = settings;
    }

    /** Whether Temporal answers a cheap call within two seconds. */
    public static BooleanSupplier answers(WorkflowServiceStubs service) {
        return () -> {
            try {
                service.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /** Asks the dispatcher to look at the outbox now rather than at its next poll. */
    public void poke() {
        wake.release();
    }

    @Override
    public void start() {
        try {
            int redriven = jdbi.onDemand(StripeEventDao.class).redriveUnclosed(horizon.toSeconds());
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
        handOverPool.shutdownNow();
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                if (!backoff.isZero()) {
                    awaitWake(backoff);
                    if (!temporalAnswers.getAsBoolean()) {
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

    /**
     * Claims one batch (a short transaction: no lock is held while Temporal is called), hands it over
     * concurrently, and settles it: handed events are dispatched, refused ones counted or given back.
     * Throws when Temporal does not answer, so the loop backs off.
     */
    int dispatchBatch() {
        List<PendingEvent> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<String> handed = handOver(claimed);
        StripeEventDao events = jdbi.onDemand(StripeEventDao.class);
        if (!handed.isEmpty()) {
            events.markDispatched(handed.toArray(String[]::new));
        }
        if (handed.size() < claimed.size()) {
            settleRefused(events, claimed.stream().map(PendingEvent::eventId).filter(id -> !handed.contains(id))
                    .toArray(String[]::new));
        }
        return claimed.size();
    }

    private List<PendingEvent> claim() {
        long lease = LEASE.toSeconds();
        return jdbi.inTransaction(handle -> {
            StripeEventDao events = handle.attach(StripeEventDao.class);
            List<PendingEvent> pending = new ArrayList<>(events.claimPending(BATCH, lease));
            int redrives = pending.size() < BATCH ? redrivePace.take(BATCH - pending.size()) : 0;
            if (redrives > 0) {
                pending.addAll(events.claimRedrives(redrives, lease));
            }
            return pending;
        });
    }

    /** Refused while Temporal answers: counted against the events (and quarantined in the end); else given back. */
    private void settleRefused(StripeEventDao events, String[] refused) {
        if (!temporalAnswers.getAsBoolean()) {
            events.release(refused);
            throw new IllegalStateException(refused.length + " events not handed to Temporal, which does not answer");
        }
        for (StripeEventDao.FailedDispatch failed : events.countFailedDispatch(refused,
                settings.retryBackoff().toMillis() / 1000.0, settings.quarantineAfter())) {
            if (failed.quarantined()) {
                LOG.error("outbox: Temporal refused event {} {} times in a row while answering: quarantined, no "
                        + "more tries; fix the cause, then ./accessproof runs retry {}", failed.eventId(),
                        settings.quarantineAfter(), failed.eventId());
                settings.onQuarantine().accept(failed.eventId());
            }
        }
    }

    /** Returns the ids of the events handed over. */
    private List<String> handOver(List<PendingEvent> pending) {
        List<CompletableFuture<String>> handOvers = new ArrayList<>(pending.size());
        for (PendingEvent event : pending) {
            handOvers.add(CompletableFuture.supplyAsync(() -> handOver(event), handOverPool));
        }
        List<String> handed = new ArrayList<>(pending.size());
        RuntimeException first = null;
        for (CompletableFuture<String> handOver : handOvers) {
            try {
                handed.add(handOver.join());
            } catch (CompletionException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            LOG.warn("outbox: {} of {} hand-overs failed, first: {}", pending.size() - handed.size(), pending.size(),
                    first.getCause() == null ? first.getMessage() : first.getCause().getMessage());
        }
        return handed;
    }

    private String handOver(PendingEvent event) {
        if (!event.ignored()) {
            start(event);
        } else if (event.receiptFirst()) {
            runs.closeUntracked(event);
        }
        return event.eventId();
    }

    private void start(PendingEvent event) {
        try {
            runs.startOnce(event);
        } catch (WorkflowExecutionAlreadyStarted e) {
            LOG.info("run for event {} already exists and is closed", event.eventId());
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
