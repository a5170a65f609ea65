package io.accessproof.workflows.model;

/**
 * One operator action, as the API took it.
 *
 * @param eventId    the run's event (terminate, restart); for an incident action, the incident's run, if any
 * @param incidentId the incident (acknowledge, resolve); null for a run action
 * @param reason     terminate: why, in the operator's words; resolve: the reason's wire name (fixed, false_alarm…)
 * @param note       resolve: how it was resolved; otherwise null
 */
public record OperatorRequest(OperatorAction action, String eventId, String incidentId, String actor, String reason,
                              String note) {

    public static OperatorRequest terminate(String eventId, String reason, String actor) {
        return new OperatorRequest(OperatorAction.TERMINATE, eventId, null, actor, reason, null);
    }

    public static OperatorRequest restart(String eventId, String actor) {
        return new OperatorRequest(OperatorAction.RESTART, eventId, null, actor, null, null);
    }

    public static OperatorRequest acknowledge(String incidentId, String eventId, String actor) {
        return new OperatorRequest(OperatorAction.ACKNOWLEDGE, eventId, incidentId, actor, null, null);
    }

    public static OperatorRequest resolve(String incidentId, String eventId, String reason, String note, String actor) {
        return new OperatorRequest(OperatorAction.RESOLVE, eventId, incidentId, actor, reason, note);
    }

    /** How the sinks hear of an operator's resolution: by terminate, by a restarting retry, or by hand. */
    public String resolutionHow() {
        return switch (action) {
            case TERMINATE -> "terminated";
            case RESTART -> "retried";
            case RESOLVE, ACKNOWLEDGE -> "manual";
        };
    }

    /** The note an operator's resolution carries, in the incident row and to the sinks. */
    public String resolutionNote() {
        return switch (action) {
            case TERMINATE -> reason;
            case RESTART -> "run restarted by " + actor;
            case RESOLVE, ACKNOWLEDGE -> note;
        };
    }

    public IncidentResolvedNotice resolvedNotice(OperatorAnswer answer, long atMillis) {
        return new IncidentResolvedNotice(answer.resolvedIncidentId(), eventId, answer.livemode(), resolutionHow(),
                resolutionNote(), atMillis);
    }
}
