package io.accessproof.server.temporal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.activities.incidents.IncidentLinks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Which Temporal to use: Temporal's Java test server in-process (dev), or any Temporal frontend. */
public class TemporalConfig {
    /** host:port of a Temporal frontend (self-hosted cluster or {@code <ns>.<acct>.tmprl.cloud:7233}). */
    @NotBlank
    @JsonProperty
    public String target = "127.0.0.1:7233";
    @NotBlank
    @JsonProperty
    public String namespace = "default";
    /** Start Temporal's Java test server in this process, bound to {@link #embeddedPort} (in memory, real time). */
    @JsonProperty
    public boolean embedded = false;
    @JsonProperty
    public int embeddedPort = 7233;
    /**
     * A stored event whose hand-over Temporal refuses this many times in a row, while it answers, is
     * quarantined: the outbox stops trying it (gauge {@code outbox.quarantined}) until an operator retries it.
     */
    @Min(1)
    @JsonProperty
    public int dispatchQuarantineAfter = 10;
    /** Wait before the next try of a refused hand-over, times the refusals so far (at most a minute). */
    @NotNull
    @JsonProperty
    public io.dropwizard.util.Duration dispatchRetryBackoff = io.dropwizard.util.Duration.seconds(2);
    /** Run the worker in this process (turn off for intake-only replicas). */
    @JsonProperty
    public boolean worker = true;
    /** Base URL of the Temporal UI, for links from runs and incidents. */
    @JsonProperty
    public String uiUrl = "http://127.0.0.1:8233";
    @Valid
    @JsonProperty
    public Tls tls = new Tls();
    /** Temporal Cloud API key (instead of mTLS); from an environment variable. */
    @JsonProperty
    public String apiKey;

    /** mTLS to a self-hosted cluster or Temporal Cloud; PEM files. */
    public static class Tls {
        @JsonProperty
        public boolean enabled = false;
        @JsonProperty
        public String clientCertPath;
        @JsonProperty
        public String clientKeyPath;
        /** CA of the server, when not a public one. */
        @JsonProperty
        public String serverCaPath;
    }

    /** The address clients dial: the embedded server's when embedded. */
    public String effectiveTarget() {
        return embedded ? "127.0.0.1:" + embeddedPort : target;
    }

    /** The links incidents and runs carry: this namespace in the Temporal UI, and this build's version. */
    public IncidentLinks incidentLinks() {
        return new IncidentLinks(uiUrl, namespace, Version.current());
    }
}
