package io.accessproof.activities.probes;

import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeRequest;
import io.accessproof.workflows.outcome.EntitlementActivities;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Probes the app with the one configured {@link Probe} ({@link HttpProbe} or {@link SqlProbe}). */
public final class EntitlementActivitiesImpl implements EntitlementActivities {
    private static final Logger LOG = LoggerFactory.getLogger(EntitlementActivitiesImpl.class);

    private final Probe probe;

    public EntitlementActivitiesImpl(Probe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public Observation probe(ProbeRequest request) {
        String customerId = request.customerId();
        if (customerId == null || customerId.isBlank()) {
            return new Observation(false, null, false, List.of(), null, System.currentTimeMillis(),
                    "the run names no customer: nothing to probe");
        }
        Observation observation = probe.observe(customerId);
        LOG.info("probed customer {} for event {}: reachable={} active={} plan={}", customerId, request.eventId(),
                observation.reachable(), observation.active(), observation.plan());
        return observation;
    }
}
