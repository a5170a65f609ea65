package io.accessproof.server.dev;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the dev stack's stand-ins for the world listen, and what it keeps apart from another dev stack. */
public class DevConfig {
    @JsonProperty
    public int stripeEmulatorPort = 12111;
    @JsonProperty
    public int demoAppPort = 8082;
    /** The database on the local or embedded PostgreSQL (ignored when {@code DATABASE_URL} names one). */
    @JsonProperty
    public String database = "accessproof";
    /** Where an embedded PostgreSQL keeps its data, so a restart of {@code dev} keeps it. */
    @JsonProperty
    public String dataDirectory = ".accessproof";
}
