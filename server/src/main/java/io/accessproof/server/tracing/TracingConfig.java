package io.accessproof.server.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/** {@code tracing:} OpenTelemetry traces over OTLP/HTTP; off unless an endpoint is set. */
public class TracingConfig {
    /** The collector's OTLP/HTTP traces URL, e.g. {@code http://otel-collector:4318/v1/traces}; empty or unset: off. */
    @JsonProperty
    public String otlpEndpoint = "";
    @NotNull
    @JsonProperty
    public String serviceName = "accessproof";

    public Tracing build() {
        return otlpEndpoint == null || otlpEndpoint.isBlank() ? Tracing.OFF : Tracing.otlp(otlpEndpoint.trim(), serviceName);
    }
}
