package io.accessproof.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.server.config.CommaLists;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.ArrayList;
import java.util.List;

/** Who may call accessproof: the operators of its API and the apps that send receipts. */
public class ApiConfig {
    /** Bearer tokens accepted by the operator API ({@code ACCESSPROOF_API_TOKEN}, comma-separated). */
    @NotNull
    @JsonProperty
    public List<String> tokens = new ArrayList<>();
    /** Named operators with a role ({@code read} or {@code operate}); the flat {@link #tokens} are unnamed operators. */
    @Valid
    @NotNull
    @JsonProperty
    public List<Operator> operators = new ArrayList<>();
    /**
     * Apps that send receipts, each its own trust domain ({@link ReceiptApp}). The flat {@link #receiptSecrets}
     * and {@link #receiptTokens} are one more app, {@value ReceiptApp#DEFAULT}.
     */
    @Valid
    @NotNull
    @JsonProperty
    public List<ReceiptApp> receiptApps = new ArrayList<>();
    /** Secrets that sign receipts of the default app ({@code ACCESSPROOF_RECEIPT_SECRET}, comma-separated). */
    @NotNull
    @JsonProperty
    public List<String> receiptSecrets = new ArrayList<>();
    /**
     * Bearer tokens an app may send receipts with instead of a signature; empty (the default) means
     * receipts must be signed.
     */
    @NotNull
    @JsonProperty
    public List<String> receiptTokens = new ArrayList<>();
    /** How long {@code POST /receipts} waits for the run's answer before a 503. */
    @NotNull
    @JsonProperty
    public Duration receiptAnswerTimeout = Duration.seconds(10);
    /** Runs per second a bulk retry or terminate touches. */
    @Positive
    @JsonProperty
    public double bulkRatePerSecond = 10;
    /** How often each replica starts the workflow of every unfinished bulk job that Temporal no longer runs. */
    @NotNull
    @JsonProperty
    public Duration bulkResumeEvery = Duration.minutes(1);

    /** The configured receipt apps, the flat lists included; refuses to start on an unusable set. */
    public List<ReceiptApp> allReceiptApps() {
        List<ReceiptApp> apps = ReceiptApp.all(receiptApps, CommaLists.split(receiptSecrets), CommaLists.split(receiptTokens));
        String problem = ReceiptApp.problem(apps);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return apps;
    }

    /** The operators: the named ones and one unnamed operator per flat token. */
    public List<Operator> allOperators() {
        return Operator.all(operators, CommaLists.split(tokens));
    }
}
