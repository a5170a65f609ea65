package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.temporal.activity.ActivityInterface;

/** Opens and resolves incidents and tells the configured notification sinks. */
@ActivityInterface
public interface IncidentActivities {

    /** Opens the run's incident and returns its id; a second call for the same run returns the same id. */
    String open(IncidentRequest request);

    /** Resolves the run's open incident; does nothing when there is none. */
    void resolve(IncidentResolution resolution);
}
