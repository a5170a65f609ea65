package io.accessproof.workflows.model;

/**
 * What an operator action did.
 *
 * @param runState           the run's state after the action; null for an incident without a run
 * @param resolvedIncidentId the incident this action resolved, whose sinks are told; null when none
 * @param livemode           the run's event's livemode, for the sinks; null when unknown
 */
public record OperatorAnswer(Result result, String runState, String resolvedIncidentId, Boolean livemode) {

    public enum Result {
        DONE,
        /** Terminate of a run that had already closed by itself. */
        ALREADY_CLOSED,
        /** Acknowledge or resolve of an incident that is no longer open for it. */
        NOT_OPEN,
        NOT_FOUND
    }

    public static OperatorAnswer of(Result result) {
        return new OperatorAnswer(result, null, null, null);
    }

    public boolean done() {
        return result == Result.DONE;
    }
}
