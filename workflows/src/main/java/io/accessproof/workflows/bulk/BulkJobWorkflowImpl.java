package io.accessproof.workflows.bulk;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class BulkJobWorkflowImpl implements BulkJobWorkflow {
    /** Steps before the history starts afresh (continue-as-new), so a job of 10,000 runs keeps a short history. */
    static final int STEPS_PER_HISTORY = 500;
    private static final Duration PACE = Duration.ofSeconds(1);

    private final BulkActivities activities = Workflow.newActivityStub(BulkActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(5))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .build())
                    .build());
    private BulkProgress progress;

    @Override
    public void run(BulkJob job) {
        progress = activities.begin(job);
        int perStep = (int) Math.max(1, Math.ceil(job.perSecond() * PACE.toMillis() / 1000.0));
        for (int steps = 0; !progress.finished(); steps++) {
            if (steps == STEPS_PER_HISTORY) {
                Workflow.continueAsNew(job);
            }
            if (steps > 0) {
                Workflow.sleep(PACE);
            }
            progress = activities.step(job.jobId(), perStep);
        }
    }

    @Override
    public BulkProgress started() {
        Workflow.await(() -> progress != null);
        return progress;
    }
}
