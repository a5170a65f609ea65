package io.accessproof.server.dev;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the dev stack's stand-ins for the world listen. */
public class DevConfig {
    @JsonProperty
    public int stripeEmulatorPort = 12111;
    @JsonProperty
    public int demoAppPort = 8082;
    /** Where an embedded PostgreSQL keeps its data, so a restart of {@code dev} keeps it. */
    @JsonProperty
    public String dataDirectory = ".accessproof";
}
