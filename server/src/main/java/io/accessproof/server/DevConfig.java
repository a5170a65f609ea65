package io.accessproof.server;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the dev stack's stand-ins for the world listen, and what it keeps apart from another dev stack. */
public class DevConfig {
    @JsonProperty
    public int stripeEmulatorPort = 12111;
    /** Set by {@code dev} itself (never from a file): its development-default secrets are allowed there only. */
    @JsonIgnore
    public boolean running;
    @JsonProperty
    public int demoAppPort = 8082;
    /** The database on the local or embedded PostgreSQL (ignored when {@code DATABASE_URL} names one). */
    @JsonProperty
    public String database = "accessproof";
    /** Where an embedded PostgreSQL keeps its data, so a restart of {@code dev} keeps it. */
    @JsonProperty
    public String dataDirectory = ".accessproof";
}
