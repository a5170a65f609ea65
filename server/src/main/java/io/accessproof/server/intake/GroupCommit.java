package io.accessproof.server.intake;

import io.accessproof.store.events.StoredEvent;
import io.accessproof.store.events.StripeEventDao;
import io.dropwizard.lifecycle.Managed;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores events that arrive together in one statement and one commit: while a committer's statement is in
 * flight, the requests behind it queue, and its next statement carries up to {@code maxBatch} of them.
 * Every caller still returns only once its own row is durable, with the answer a lone insert would give;
 * a batch with a value PostgreSQL refuses is retried row by row, so that row fails only its own request.
 */
public final class GroupCommit implements EventStore, Managed {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private record Waiter(StoredEvent event, CompletableFuture<Boolean> answer) {
    }

    private final Jdbi jdbi;
    private final int maxBatch;
    public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofSeconds(5);

    private final BlockingQueue<Waiter> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private final Duration answerWithin;
    private volatile boolean running = true;

    public GroupCommit(Jdbi jdbi, int committers, int maxBatch) {
        this(jdbi, committers, maxBatch, DEFAULT_ANSWER_WITHIN);
    }

    /**
     * @param answerWithin how long a request waits for its commit: past it, a database that stalls (rather than
     *     refuses) answers 503 so Stripe retries, instead of holding the request thread
     */
    public GroupCommit(Jdbi jdbi, int committers, int maxBatch, Duration answerWithin) {
        this.jdbi = jdbi;
        this.maxBatch = maxBatch;
        this.answerWithin = answerWithin;
        for (int i = 0; i < committers; i++) {
            Thread thread = new Thread(this::commitLoop, "group-commit-" + (i + 1));
            thread.setDaemon(true);
            this.committers.add(thread);
        }
    }

    @Override
    public void start() {
        committers.forEach(Thread::start);
    }

    @Override
    public boolean store(StoredEvent event) {
        if (!running) {
            throw unavailable("the intake is shutting down");
        }
        Waiter waiter = new Waiter(event, new CompletableFuture<>());
        queue.add(waiter);
        try {
            return waiter.answer().get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Still queued: never stored. Already in a statement: stored or not, Stripe's retry is counted once.
            queue.remove(waiter);
            throw unavailable("PostgreSQL did not commit within " + answerWithin.toMillis() + " ms; retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for the commit");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof JdbiException cause ? cause : unavailable(e.getCause().toString());
        }
    }

    /** Requests waiting for a commit to take them. */
    public int waiting() {
        return queue.size();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        for (Thread committer : committers) {
            committer.join(TimeUnit.SECONDS.toMillis(5));
        }
        List<Waiter> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(w -> w.answer().completeExceptionally(unavailable("the intake is shutting down")));
    }

    private void commitLoop() {
        List<Waiter> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Waiter first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("group commit failed unexpectedly", e);
                batch.forEach(w -> w.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Waiter> batch) {
        // One statement may not touch a row twice (ON CONFLICT DO UPDATE): a second copy goes in a statement after.
        Map<String, Waiter> unique = new LinkedHashMap<>();
        List<Waiter> copies = new ArrayList<>();
        for (Waiter waiter : batch) {
            if (unique.putIfAbsent(waiter.event().eventId(), waiter) != null) {
                copies.add(waiter);
            }
        }
        try {
            Map<String, Boolean> inserted = insert(List.copyOf(unique.values()));
            unique.values().forEach(w -> w.answer().complete(inserted.get(w.event().eventId())));
        } catch (JdbiException e) {
            if (unique.size() > 1 && refusedData(e)) {
                unique.values().forEach(w -> commit(List.of(w)));
            } else {
                unique.values().forEach(w -> w.answer().completeExceptionally(e));
            }
        }
        if (!copies.isEmpty()) {
            commit(copies);
        }
    }

    /** Returns, per event id, whether this statement stored it (false: a redelivery, counted). */
    private Map<String, Boolean> insert(List<Waiter> rows) {
        List<StoredEvent> events = rows.stream().map(Waiter::event).toList();
        Map<String, Boolean> inserted = new HashMap<>();
        jdbi.withExtension(StripeEventDao.class, dao -> dao.insertAllOrCountDeliveries(events))
                .forEach(row -> inserted.put(row.eventId(), row.inserted()));
        return inserted;
    }

    /**
     * True when PostgreSQL refused a value (SQLSTATE class 22 or 23), which is one row's fault; a database
     * that is down or out of connections fails the whole batch at once, so its requests answer 503 in time.
     */
    private static boolean refusedData(JdbiException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
            }
        }
        return false;
    }

    private static JdbiException unavailable(String why) {
        return new ConnectionException(new SQLTransientConnectionException(why));
    }
}
