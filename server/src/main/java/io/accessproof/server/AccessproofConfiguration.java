package io.accessproof.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.server.DevConfig;
import io.accessproof.server.api.ApiConfig;
import io.accessproof.server.audit.AuditConfig;
import io.accessproof.server.database.DatabaseConfig;
import io.accessproof.server.incidents.NotificationsConfig;
import io.accessproof.server.intake.StripeConfig;
import io.accessproof.server.retention.RetentionConfig;
import io.accessproof.server.runs.ProvingConfig;
import io.accessproof.server.sweep.SweepConfig;
import io.accessproof.server.temporal.TemporalConfig;
import io.accessproof.server.tracing.TracingConfig;
import io.accessproof.server.watchdog.WatchdogConfig;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** accessproof's YAML configuration; every secret comes from an environment variable. */
public class AccessproofConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    public DatabaseConfig database = new DatabaseConfig();
    @Valid
    @NotNull
    @JsonProperty
    public TemporalConfig temporal = new TemporalConfig();
    @Valid
    @NotNull
    @JsonProperty
    public StripeConfig stripe = new StripeConfig();
    @Valid
    @NotNull
    @JsonProperty
    public ProvingConfig proving = new ProvingConfig();
    @Valid
    @NotNull
    @JsonProperty
    public ApiConfig api = new ApiConfig();
    @Valid
    @NotNull
    @JsonProperty
    public NotificationsConfig notifications = new NotificationsConfig();
    @Valid
    @NotNull
    @JsonProperty
    public TracingConfig tracing = new TracingConfig();
    @Valid
    @NotNull
    @JsonProperty
    public WatchdogConfig watchdog = new WatchdogConfig();
    @Valid
    @NotNull
    @JsonProperty
    public RetentionConfig retention = new RetentionConfig();
    @Valid
    @NotNull
    @JsonProperty
    public SweepConfig sweep = new SweepConfig();
    @Valid
    @NotNull
    @JsonProperty
    public AuditConfig audit = new AuditConfig();
    /** Used by {@code dev} only: where the Stripe emulator and the demo app listen. */
    @Valid
    @NotNull
    @JsonProperty
    public DevConfig dev = new DevConfig();
}
