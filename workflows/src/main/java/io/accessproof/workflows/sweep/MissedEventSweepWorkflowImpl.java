package io.accessproof.workflows.sweep;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The periodic sweep passes, sleeps a period, and continues as new every so many passes; a sweep by hand is
 * one pass whose report is the result.
 */
public class MissedEventSweepWorkflowImpl implements MissedEventSweepWorkflow {
    static final int PASSES_PER_RUN = 100;
    private static final Logger log = Workflow.getLogger(MissedEventSweepWorkflowImpl.class);

    // A pass may list Stripe's whole 30 days (100 events a read, inside the shared budget): hours for a busy
    // account's backfill; the heartbeat after every page says it is alive. A retried pass starts again, idempotently.
    private final SweepActivities stripe = Workflow.newActivityStub(SweepActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofHours(6))
                    .setHeartbeatTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                    .build());

    @Override
    public SweepReport sweep(SweepInput input) {
        if (input.byHand()) {
            return stripe.sweep(request(input, input.sweepId(), input.sinceEpoch(), false));
        }
        for (int pass = 0; pass < PASSES_PER_RUN; pass++) {
            try {
                stripe.sweep(request(input, "periodic-" + Workflow.currentTimeMillis(), null, true));
            } catch (ActivityFailure failure) {
                log.warn("sweep pass failed; trying again in {}", input.every(), failure);
            }
            Workflow.sleep(input.every());
        }
        Workflow.continueAsNew(input);
        return null;
    }

    private static SweepRequest request(SweepInput input, String sweepId, Long since, boolean periodic) {
        return new SweepRequest(sweepId, since, input.overlap().toSeconds(), input.backfill().toSeconds(),
                input.settle().toSeconds(), input.types(), periodic);
    }
}
