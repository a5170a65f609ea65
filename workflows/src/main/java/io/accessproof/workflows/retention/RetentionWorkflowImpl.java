package io.accessproof.workflows.retention;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Purges, then sleeps a period; a pass that stopped at its budget is followed at once by another, so a
 * backlog drains in short transactions. Continues as new every so many passes so its history stays short.
 */
public class RetentionWorkflowImpl implements RetentionWorkflow {
    static final int PASSES_PER_RUN = 100;
    private static final Logger log = Workflow.getLogger(RetentionWorkflowImpl.class);

    private final RetentionActivities tables = Workflow.newActivityStub(RetentionActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setHeartbeatTimeout(Duration.ofMinutes(1))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                    .build());

    @Override
    public void keep(RetentionInput input) {
        for (int pass = 0; pass < PASSES_PER_RUN; pass++) {
            if (!purge(input)) {
                Workflow.sleep(input.every());
            }
        }
        Workflow.continueAsNew(input);
    }

    /** Returns true when rows past their retention remain; a pass that fails is tried again next period. */
    private boolean purge(RetentionInput input) {
        try {
            return tables.purge(input).more();
        } catch (ActivityFailure failure) {
            log.warn("purge pass failed; trying again in {}", input.every(), failure);
            return false;
        }
    }
}
