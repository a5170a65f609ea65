package io.accessproof.server.runs;

import io.accessproof.store.Json;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.operators.BulkJobDao;
import io.accessproof.store.operators.BulkJobRow;
import io.accessproof.workflows.bulk.BulkActivities;
import io.accessproof.workflows.bulk.BulkJob;
import io.accessproof.workflows.bulk.BulkProgress;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk job's steps: each run is retried or terminated as one operator action would be ({@link RunOperations}),
 * and the checkpoint moves past it before the next, so a retried or resumed step never acts twice on a run.
 */
public final class BulkActivitiesImpl implements BulkActivities {
    private static final Logger LOG = LoggerFactory.getLogger(BulkActivitiesImpl.class);

    private final Jdbi jdbi;
    private final RunOperations operations;

    public BulkActivitiesImpl(Jdbi jdbi, RunOperations operations) {
        this.jdbi = jdbi;
        this.operations = operations;
    }

    @Override
    public BulkProgress begin(BulkJob job) {
        BulkJobRow row = jdbi.inTransaction(h -> {
            BulkJobDao jobs = h.attach(BulkJobDao.class);
            if (jobs.create(job.jobId(), job.action(), job.actor(), job.reason(), job.filterJson(),
                    job.eventIds().toArray(String[]::new)) == 1) {
                h.attach(AuditLog.class).record(job.actor(), "runs.bulk_" + job.action(), job.jobId(),
                        Map.of("filter", Json.read(job.filterJson(), Map.class), "count", job.eventIds().size()));
                jobs.finishIfEmpty(job.jobId());
            }
            return jobs.find(job.jobId()).orElseThrow();
        });
        return progress(row);
    }

    @Override
    public BulkProgress step(String jobId, int runs) {
        BulkJobDao jobs = jdbi.onDemand(BulkJobDao.class);
        BulkJobRow row = jobs.find(jobId).orElseThrow(() -> new IllegalStateException("no bulk job " + jobId));
        for (int at = row.position(); at < row.eventIds().length && at < row.position() + runs; at++) {
            boolean acted = act(row, row.eventIds()[at]);
            jobs.advance(jobId, at, acted ? 0 : 1);
        }
        BulkProgress progress = progress(jobs.find(jobId).orElseThrow());
        if (progress.finished()) {
            LOG.info("bulk {} {} finished: {} runs, {} failed", row.action(), jobId, progress.total(),
                    progress.failed());
        }
        return progress;
    }

    private boolean act(BulkJobRow job, String eventId) {
        try {
            return switch (job.action()) {
                case "retry" -> operations.retry(eventId, job.actor()) != RunOperations.Retry.NOT_FOUND;
                case "terminate" -> operations.terminate(eventId, job.reason(), job.actor())
                        == RunOperations.Terminate.TERMINATED;
                default -> throw new IllegalArgumentException("unknown bulk action " + job.action());
            };
        } catch (RuntimeException e) {
            LOG.warn("bulk {} {} could not act on {}: {}", job.action(), job.jobId(), eventId, e.getMessage());
            return false;
        }
    }

    static BulkProgress progress(BulkJobRow row) {
        return new BulkProgress(row.jobId(), row.eventIds().length, row.position(), row.failed(), row.finished());
    }
}
