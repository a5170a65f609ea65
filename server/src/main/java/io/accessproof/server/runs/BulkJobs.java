package io.accessproof.server.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.dropwizard.lifecycle.Managed;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk retries and terminates, paced at a bounded rate so that a thousand runs after a bad deploy do not
 * hit Stripe, the app and Temporal at once. Progress is kept in memory for as long as the process lives;
 * the audit log keeps who did what.
 */
public final class BulkJobs implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BulkJobs.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A job's progress, as {@code GET /api/runs/jobs/{job_id}} shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(String jobId, String action, String status, int total, int done, int failed,
                           Map<String, Object> filter) {
    }

    private final class Job implements Runnable {
        final String id = "job_" + HexFormat.of().formatHex(bytes());
        final String action;
        final Map<String, Object> filter;
        final List<String> eventIds;
        final Predicate<String> operation;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        volatile ScheduledFuture<?> ticking;

        Job(String action, Map<String, Object> filter, List<String> eventIds, Predicate<String> operation) {
            this.action = action;
            this.filter = filter;
            this.eventIds = List.copyOf(eventIds);
            this.operation = operation;
        }

        @Override
        public void run() {
            int index = next.getAndIncrement();
            if (index >= eventIds.size()) {
                if (ticking != null) {
                    ticking.cancel(false);
                }
                if (index == eventIds.size()) {
                    LOG.info("bulk {} {} finished: {} runs, {} failed", action, id, eventIds.size(), failed.get());
                }
                return;
            }
            try {
                if (!operation.test(eventIds.get(index))) {
                    failed.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("bulk {} {} could not act on {}: {}", action, id, eventIds.get(index), e.getMessage());
            } finally {
                completed.incrementAndGet();
            }
        }

        Progress progress() {
            int done = completed.get();
            return new Progress(id, action, done >= eventIds.size() ? "finished" : "running", eventIds.size(), done,
                    failed.get(), filter);
        }
    }

    private final double perSecond;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bulk-jobs");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    public BulkJobs(double perSecond) {
        this.perSecond = perSecond;
    }

    /** Starts acting on every run in order; {@code operation} returns false for a run it could not act on. */
    public Progress submit(String action, Map<String, Object> filter, List<String> eventIds,
                           Predicate<String> operation) {
        Job job = new Job(action, filter, eventIds, operation);
        jobs.put(job.id, job);
        long periodMicros = (long) (1_000_000 / perSecond);
        job.ticking = pacer.scheduleAtFixedRate(job, 0, periodMicros, TimeUnit.MICROSECONDS);
        return job.progress();
    }

    public Optional<Progress> progress(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(Job::progress);
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void stop() {
        pacer.shutdownNow();
    }
}
