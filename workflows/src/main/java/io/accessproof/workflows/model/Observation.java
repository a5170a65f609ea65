package io.accessproof.workflows.model;

import java.util.List;

/**
 * What the app showed when probed.
 *
 * @param reachable false when the probe could not read the app (error, timeout, unknown customer)
 * @param detail    what was read and from where, for the evidence packet
 * @param seats     the seats the app shows, when its probe reads them; else null
 */
public record Observation(
        boolean reachable,
        String plan,
        boolean active,
        List<String> features,
        String deploySha,
        long observedAtMillis,
        String detail,
        Integer seats) {

    public Observation {
        features = features == null ? List.of() : List.copyOf(features);
    }

    /** An observation of a probe that reads no seats. */
    public Observation(boolean reachable, String plan, boolean active, List<String> features, String deploySha,
                       long observedAtMillis, String detail) {
        this(reachable, plan, active, features, deploySha, observedAtMillis, detail, null);
    }
}
