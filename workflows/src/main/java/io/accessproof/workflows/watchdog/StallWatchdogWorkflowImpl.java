package io.accessproof.workflows.watchdog;

import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.accessproof.workflows.outcome.OutcomeActivityOptions;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/** Looks, pages for what it found, sleeps; continues as new every so many looks so its history stays short. */
public class StallWatchdogWorkflowImpl implements StallWatchdogWorkflow {
    static final int LOOKS_PER_RUN = 100;
    private static final Logger log = Workflow.getLogger(StallWatchdogWorkflowImpl.class);

    private final WatchdogActivities watchdog = Workflow.newActivityStub(WatchdogActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
                    .build());
    private final NotificationActivities sinks =
            Workflow.newActivityStub(NotificationActivities.class, OutcomeActivityOptions.notifications());

    @Override
    public void watch(WatchdogInput input) {
        for (int look = 0; look < LOOKS_PER_RUN; look++) {
            look(input);
            Workflow.sleep(input.every());
        }
        Workflow.continueAsNew(input);
    }

    /** A look that fails (PostgreSQL or Temporal down) is logged and tried again at the next period. */
    private void look(WatchdogInput input) {
        WatchReport report;
        try {
            report = watchdog.inspect(input);
        } catch (ActivityFailure failure) {
            log.warn("stall watchdog could not look this time", failure);
            return;
        }
        List<Promise<Void>> pages = new ArrayList<>();
        for (IncidentOpenedNotice stalled : report.stalled()) {
            pages.add(Async.procedure(sinks::incidentOpened, stalled));
        }
        for (Promise<Void> page : pages) {
            try {
                page.get();
            } catch (ActivityFailure failure) {
                log.warn("a run_stalled notification was given up after its retries", failure);
            }
        }
    }
}
