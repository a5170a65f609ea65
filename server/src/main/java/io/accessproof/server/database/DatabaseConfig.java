package io.accessproof.server.database;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The PostgreSQL that holds accessproof's business state. The pool is small and fails fast on purpose:
 * a webhook must never wait 30 s for a connection; it answers 503 and Stripe retries.
 */
public class DatabaseConfig {
    /** {@code jdbc:postgresql://host:port/db}; empty in {@code dev} means "find one" (see README). */
    @JsonProperty
    public String url = "";
    @JsonProperty
    public String user;
    @JsonProperty
    public String password;
    @Min(1)
    @Max(200)
    @JsonProperty
    public int maxSize = 10;
    /** How long a request waits for a connection before it fails (the intake then answers 503). */
    @NotNull
    @JsonProperty
    public Duration maxWaitForConnection = Duration.seconds(1);
    /**
     * Webhooks that arrive together are stored in one statement and one commit by this many committers,
     * each holding one of the {@link #maxSize} connections while it commits; 0 stores each webhook alone.
     */
    @Min(0)
    @Max(64)
    @JsonProperty
    public int groupCommitters = 2;
    /** The most webhooks one group commit carries. */
    @Min(1)
    @Max(1000)
    @JsonProperty
    public int groupCommitMaxBatch = 64;
    /**
     * How long a webhook waits for its commit before a 503 (Stripe retries): a database that stalls rather than
     * refuses must not hold the request threads.
     */
    @NotNull
    @JsonProperty
    public Duration storeTimeout = Duration.seconds(5);
    /**
     * The worker's own pool (runs' writes, reconcile, the shared Stripe limit), opened only where the
     * worker runs, so proving under load never takes a connection a webhook is waiting for.
     */
    @Min(1)
    @Max(200)
    @JsonProperty
    public int workerMaxSize = 8;
    /** Activities can wait longer than a webhook: a timeout fails the attempt, and Temporal retries it. */
    @NotNull
    @JsonProperty
    public Duration workerMaxWaitForConnection = Duration.seconds(10);
    @JsonProperty
    public boolean migrateOnStart = true;
}
