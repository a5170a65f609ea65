package io.accessproof.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code audit:} drift audits of every customer against Stripe. */
public class AuditConfig {
    /** A scheduled audit (not a dry run) starts this often; 0 (the default): never, only by hand. */
    @NotNull
    @JsonProperty
    public Duration every = Duration.seconds(0);
    /** Customers of a page judged and probed at once. */
    @Positive
    @Max(64)
    @JsonProperty
    public int probeConcurrency = 4;
    /** How often each replica restarts running audits that Temporal lost, and starts a scheduled one when due. */
    @NotNull
    @JsonProperty
    public Duration resumeEvery = Duration.minutes(1);
}
