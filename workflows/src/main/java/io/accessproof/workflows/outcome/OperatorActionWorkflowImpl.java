package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/** Writes the action (one activity), then tells the sinks of a resolution; the update answers in between. */
public class OperatorActionWorkflowImpl implements OperatorActionWorkflow {
    private static final Logger log = Workflow.getLogger(OperatorActionWorkflowImpl.class);

    private final OperatorActivities store =
            Workflow.newActivityStub(OperatorActivities.class, OutcomeActivityOptions.durable());
    private final NotificationActivities sinks =
            Workflow.newActivityStub(NotificationActivities.class, OutcomeActivityOptions.notifications());
    private OperatorAnswer answer;

    @Override
    public OperatorAnswer act(OperatorRequest request) {
        answer = store.apply(request);
        if (answer.resolvedIncidentId() != null) {
            try {
                sinks.incidentResolved(request.resolvedNotice(answer, Workflow.currentTimeMillis()));
            } catch (ActivityFailure failure) {
                log.warn("sinks were not told that incident {} was resolved", answer.resolvedIncidentId(), failure);
            }
        }
        Workflow.await(Workflow::isEveryHandlerFinished); // the operator's answer is delivered before the end
        return answer;
    }

    @Override
    public OperatorAnswer answer() {
        Workflow.await(() -> answer != null);
        return answer;
    }
}
