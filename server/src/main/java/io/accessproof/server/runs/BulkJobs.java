package io.accessproof.server.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.store.Json;
import io.accessproof.store.operators.BulkJobDao;
import io.accessproof.store.operators.BulkJobRow;
import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.bulk.BulkJob;
import io.accessproof.workflows.bulk.BulkJobWorkflow;
import io.accessproof.workflows.bulk.BulkProgress;
import io.dropwizard.lifecycle.Managed;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk retries and terminates as workflows ({@link BulkJobWorkflow}), their progress from PostgreSQL, so any
 * replica answers for any job. Every {@code api.bulkResumeEvery}, each replica starts the workflow of every
 * unfinished job with "use existing": a job whose in-memory Temporal was lost resumes from its checkpoint.
 */
public final class BulkJobs implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(BulkJobs.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A job's progress, as {@code GET /api/runs/jobs/{job_id}} shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(String jobId, String action, String status, int total, int done, int failed,
                           Map<String, Object> filter) {

        static Progress of(BulkJobRow row) {
            @SuppressWarnings("unchecked")
            Map<String, Object> filter = Json.read(row.filter(), Map.class);
            return new Progress(row.jobId(), row.action(), status(row.finished()), row.eventIds().length,
                    row.position(), row.failed(), filter);
        }

        static String status(boolean finished) {
            return finished ? "finished" : "running";
        }
    }

    private final WorkflowClient client;
    private final Jdbi jdbi;
    private final double perSecond;
    private final Duration resumeEvery;
    private ScheduledExecutorService resumer;

    public BulkJobs(WorkflowClient client, Jdbi jdbi, double perSecond, Duration resumeEvery) {
        this.client = client;
        this.jdbi = jdbi;
        this.perSecond = perSecond;
        this.resumeEvery = resumeEvery;
    }

    /** Starts a job over {@code eventIds} and answers once it is stored. */
    public Progress submit(String action, String actor, String reason, Map<String, Object> filter,
                           List<String> eventIds) {
        String jobId = "job_" + HexFormat.of().formatHex(bytes());
        BulkJob job = new BulkJob(jobId, action, actor, reason, Json.write(filter), eventIds, perSecond);
        BulkJobWorkflow workflow = stub(jobId);
        BulkProgress stored = WorkflowClient.executeUpdateWithStart(workflow::started,
                UpdateOptions.<BulkProgress>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
                new WithStartWorkflowOperation<>(workflow::run, job));
        return new Progress(jobId, action, Progress.status(stored.finished()), stored.total(), stored.done(),
                stored.failed(), filter);
    }

    public Optional<Progress> progress(String jobId) {
        return jdbi.withExtension(BulkJobDao.class, jobs -> jobs.find(jobId)).map(Progress::of);
    }

    @Override
    public void start() {
        resumer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bulk-jobs-resumer");
            thread.setDaemon(true);
            return thread;
        });
        resumer.scheduleWithFixedDelay(this::resumeUnfinished, 0, resumeEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void resumeUnfinished() {
        try {
            for (BulkJobRow row : jdbi.withExtension(BulkJobDao.class, BulkJobDao::running)) {
                WorkflowClient.start(stub(row.jobId())::run, new BulkJob(row.jobId(), row.action(), row.actor(),
                        row.reason(), row.filter(), Arrays.asList(row.eventIds()), perSecond));
            }
        } catch (RuntimeException e) {
            LOG.warn("bulk jobs not resumed this time ({}); trying again in {}", e.getMessage(), resumeEvery);
        }
    }

    private BulkJobWorkflow stub(String jobId) {
        return client.newWorkflowStub(BulkJobWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId("bulk-" + jobId)
                .setTaskQueue(TaskQueues.OUTCOME)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void stop() {
        if (resumer != null) {
            resumer.shutdownNow();
        }
    }
}
