package io.accessproof.server.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.stripe.StripeClient;
import io.accessproof.server.config.CommaLists;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Stripe: the webhook endpoint's secrets and rules, and the API used to reconcile. */
public class StripeConfig {
    /**
     * Every endpoint secret ({@code whsec_…}) an event may be signed with: several for rotation and for
     * separate platform, Connect and test endpoints. {@code STRIPE_WEBHOOK_SECRET} may hold a
     * comma-separated list.
     */
    @NotNull
    @JsonProperty
    public List<String> webhookSecrets = new ArrayList<>();
    /** How far a signature's timestamp may be from now, in either direction. */
    @NotNull
    @JsonProperty
    public Duration tolerance = Duration.minutes(5);
    @NotNull
    @JsonProperty
    public DataSize maxBodySize = DataSize.mebibytes(1);
    @JsonProperty
    public boolean acceptLivemode = true;
    @JsonProperty
    public boolean acceptTestmode = true;
    /** Event types that start a run; others are stored and marked ignored. */
    @NotNull
    @JsonProperty
    public Set<String> runEventTypes = new LinkedHashSet<>(List.of(
            "checkout.session.completed",
            "customer.subscription.created",
            "customer.subscription.updated",
            "customer.subscription.deleted",
            "customer.subscription.paused",
            "customer.subscription.resumed",
            "invoice.paid",
            "invoice.payment_failed",
            "entitlements.active_entitlement_summary.updated"));
    /** The secret API key used to reconcile ({@code STRIPE_API_KEY}). */
    @JsonProperty
    public String apiKey;
    /** Stripe's API base; the emulator's URL in dev, empty for Stripe itself. */
    @JsonProperty
    public String apiBase;
    /** Stripe API requests per second shared by the reconcile activities of every worker (one bucket in PostgreSQL). */
    @JsonProperty
    public double apiRequestsPerSecond = 20;
    /** While Stripe refuses the key (401), one read per this interval goes through for the whole cluster. */
    @NotNull
    @JsonProperty
    public Duration keyRefusedProbeEvery = Duration.minutes(1);
    /**
     * A subscription fetched after an event, no longer ago than this, answers that event's reconcile
     * without another Stripe read; {@code 0s} reads Stripe for every run.
     */
    @JsonProperty
    public Duration coalesceReadsWithin = Duration.seconds(5);

    /** Splits entries that hold comma-separated lists (as {@code STRIPE_WEBHOOK_SECRET} may). */
    public List<String> secrets() {
        return CommaLists.split(webhookSecrets);
    }

    /** Checks the {@code Stripe-Signature} of webhooks against every configured secret (rotation). */
    public SignatureVerifier buildVerifier() {
        return new SignatureVerifier(secrets(), tolerance.toJavaDuration(), Clock.systemUTC());
    }

    /** The client of Stripe's API. Temporal retries Stripe calls (through the rate limiter), so stripe-java's are off. */
    public StripeClient buildClient() {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(apiKey)
                .setMaxNetworkRetries(0)
                .setConnectTimeout(5_000)
                .setReadTimeout(20_000);
        if (apiBase != null && !apiBase.isBlank()) {
            builder.setApiBase(apiBase);
        }
        return builder.build();
    }
}
