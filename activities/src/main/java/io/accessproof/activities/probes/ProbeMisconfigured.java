package io.accessproof.activities.probes;

import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;

final class ProbeMisconfigured {
    private ProbeMisconfigured() {
    }

    static ApplicationFailure because(String message) {
        return ApplicationFailure.newNonRetryableFailure(message, FailureType.PROBE_MISCONFIGURED.name());
    }
}
