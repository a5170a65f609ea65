package io.accessproof.server.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProvingPolicy;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How runs prove their outcome: the probe, deadlines per event type, and the re-check schedule. */
public class ProvingConfig {
    @NotNull
    @JsonProperty
    public ProbeKind probe = ProbeKind.HTTP;
    @Valid
    @JsonProperty
    public HttpProbeSettings http = new HttpProbeSettings();
    @Valid
    @JsonProperty
    public SqlProbeSettings sql = new SqlProbeSettings();
    @NotNull
    @JsonProperty
    public Duration defaultDeadline = Duration.minutes(10);
    /** Deadline per Stripe event type; others use {@link #defaultDeadline}. */
    @NotNull
    @JsonProperty
    public Map<String, Duration> deadlines = new LinkedHashMap<>(Map.of(
            "checkout.session.completed", Duration.seconds(60),
            "customer.subscription.deleted", Duration.minutes(5)));
    @NotNull
    @JsonProperty
    public Duration firstRecheck = Duration.seconds(1);
    @JsonProperty
    public double backoff = 2.0;
    @NotNull
    @JsonProperty
    public Duration maxRecheck = Duration.seconds(30);
    /** Re-check cadence after an incident, until {@link #horizon}. */
    @NotNull
    @JsonProperty
    public Duration watchCadence = Duration.minutes(10);
    @NotNull
    @JsonProperty
    public Duration horizon = Duration.hours(24);
    /** How long a run created by a receipt waits for its Stripe event. */
    @NotNull
    @JsonProperty
    public Duration receiptWindow = Duration.hours(1);
    /** Whether a {@code past_due} subscription still grants access. */
    @JsonProperty
    public boolean pastDueGrantsAccess = true;
    /**
     * The plans from lowest to highest: a customer who pays for several plans should have the highest. Empty:
     * no plan outranks another (the event's own subscription's plan, then the newest).
     */
    @NotNull
    @JsonProperty
    public List<String> plans = new ArrayList<>();
    /** Price id or lookup key → plan name, for prices whose lookup key and metadata name no plan. */
    @NotNull
    @JsonProperty
    public Map<String, String> planMapping = new LinkedHashMap<>();

    public ProvingPolicy policyFor(String eventType) {
        Duration deadline = eventType == null ? defaultDeadline : deadlines.getOrDefault(eventType, defaultDeadline);
        return new ProvingPolicy(probe, deadline.toJavaDuration(), firstRecheck.toJavaDuration(), backoff,
                maxRecheck.toJavaDuration(), watchCadence.toJavaDuration(), horizon.toJavaDuration(),
                receiptWindow.toJavaDuration());
    }

    /** Reads the app's state over HTTP. */
    public static class HttpProbeSettings {
        /** {@code {customer_id}} is replaced by the URL-encoded customer id. */
        @JsonProperty
        public String urlTemplate = "http://127.0.0.1:8082/access/{customer_id}";
        @JsonProperty
        public Map<String, String> headers = new LinkedHashMap<>();
        @JsonProperty
        public String planPointer = "/plan";
        @JsonProperty
        public String activePointer = "/active";
        @JsonProperty
        public String featuresPointer;
        /** JSON pointer to the number of seats the app grants; unset: seats are not checked. */
        @JsonProperty
        public String seatsPointer;
        @JsonProperty
        public String deployShaHeader = "X-Deploy-Sha";
        /** JSON pointer to the deploy SHA, read when the header is absent. */
        @JsonProperty
        public String deployShaPointer;
        @NotNull
        @JsonProperty
        public Duration connectTimeout = Duration.seconds(2);
        @NotNull
        @JsonProperty
        public Duration timeout = Duration.seconds(5);
    }

    /** Reads the app's state with a read-only query on a separate datasource. */
    public static class SqlProbeSettings {
        @JsonProperty
        public String url;
        @JsonProperty
        public String user;
        @JsonProperty
        public String password;
        /** Must use {@code :customer_id}; columns plan, active, optionally features and deploy_sha. */
        @JsonProperty
        public String query;
        @NotNull
        @JsonProperty
        public Duration statementTimeout = Duration.seconds(2);
        /** True when the query returns a {@code features} column to compare with Stripe Entitlements. */
        @JsonProperty
        public boolean readsFeatures = false;
    }
}
