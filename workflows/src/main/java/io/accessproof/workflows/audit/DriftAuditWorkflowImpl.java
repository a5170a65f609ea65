package io.accessproof.workflows.audit;

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

/** Page after page until done or cancelled; continues as new every so many pages so its history stays short. */
public class DriftAuditWorkflowImpl implements DriftAuditWorkflow {
    static final int PAGES_PER_RUN = 50;
    private static final Logger log = Workflow.getLogger(DriftAuditWorkflowImpl.class);

    private final AuditActivities audits = Workflow.newActivityStub(AuditActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setHeartbeatTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
                    .build());
    private final NotificationActivities sinks =
            Workflow.newActivityStub(NotificationActivities.class, OutcomeActivityOptions.notifications());

    @Override
    public void audit(AuditInput input) {
        for (int page = 0; page < PAGES_PER_RUN; page++) {
            AuditPage done = audits.nextPage(input);
            notify(done.opened());
            if (done.cancelled()) {
                return;
            }
            if (done.finished()) {
                audits.finish(input.auditId());
                return;
            }
        }
        Workflow.continueAsNew(input);
    }

    private void notify(List<IncidentOpenedNotice> opened) {
        List<Promise<Void>> pages = new ArrayList<>();
        for (IncidentOpenedNotice notice : opened) {
            pages.add(Async.procedure(sinks::incidentOpened, notice));
        }
        for (Promise<Void> page : pages) {
            try {
                page.get();
            } catch (ActivityFailure failure) {
                log.warn("a drift notification was given up after its retries", failure);
            }
        }
    }
}
