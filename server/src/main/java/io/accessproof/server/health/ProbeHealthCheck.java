package io.accessproof.server.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.annotation.Async;
import io.accessproof.activities.probes.Probe;
import io.accessproof.workflows.model.Observation;
import java.util.concurrent.TimeUnit;

/**
 * Does the app answer its access probe? Probes a customer no app knows every 10 s: any answer (even
 * "unknown customer") is healthy; a timeout, a refused connection or an error status is not. Red means
 * every run is blind on the app side; the intake keeps storing events.
 */
@Async(period = 10, unit = TimeUnit.SECONDS)
public final class ProbeHealthCheck extends HealthCheck {
    static final String NO_SUCH_CUSTOMER = "cus_accessproof_healthcheck";

    private final Probe probe;

    public ProbeHealthCheck(Probe probe) {
        this.probe = probe;
    }

    @Override
    protected Result check() {
        Observation observed = probe.observe(NO_SUCH_CUSTOMER);
        return observed.reachable() ? Result.healthy("the app answers: " + observed.detail())
                : Result.unhealthy("the app's probe does not answer: " + observed.detail());
    }
}
