package io.accessproof.workflows.model;

import java.util.List;

/**
 * What the app showed when probed.
 *
 * @param reachable false when the probe could not read the app (error, timeout, unknown customer)
 * @param detail    what was read and from where, for the evidence packet
 */
public record Observation(
        boolean reachable,
        String plan,
        boolean active,
        List<String> features,
        String deploySha,
        long observedAtMillis,
        String detail) {

    public Observation {
        features = features == null ? List.of() : List.copyOf(features);
    }
}
