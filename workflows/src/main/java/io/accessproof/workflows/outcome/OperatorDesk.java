package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OperatorAction;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorRequest;
import io.accessproof.workflows.model.RunState;
import io.temporal.workflow.Workflow;

/**
 * An operator's action on this open run: written by the run through {@link OperatorActivities} (the change and
 * its audit line in one transaction), then reflected in what the run knows and told to the sinks.
 */
final class OperatorDesk {
    private final OperatorActivities operator =
            Workflow.newActivityStub(OperatorActivities.class, OutcomeActivityOptions.durable());
    private final RunProgress run;
    private final Timeline timeline;
    private final IncidentLifecycle incident;

    OperatorDesk(RunProgress run, Timeline timeline, IncidentLifecycle incident) {
        this.run = run;
        this.timeline = timeline;
        this.incident = incident;
    }

    OperatorAnswer act(OperatorRequest request) {
        RunVersions.since(RunVersions.OPERATOR_UPDATES);
        if (request.action() == OperatorAction.TERMINATE && run.state.closed()) {
            return new OperatorAnswer(OperatorAnswer.Result.ALREADY_CLOSED, run.state.wire(), null, run.livemode());
        }
        OperatorAnswer answer = operator.apply(request);
        if (answer.done() && request.action() == OperatorAction.TERMINATE) {
            timeline.closedByOperator(RunState.TERMINATED);
        }
        if (answer.resolvedIncidentId() != null) {
            incident.resolvedByOperator(request.resolvedNotice(answer, Workflow.currentTimeMillis()));
        }
        return answer;
    }
}
