package io.accessproof.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** Operator API access and the app's receipt secrets. */
public class ApiConfig {
    /** Bearer tokens accepted by the operator API ({@code ACCESSPROOF_API_TOKEN}, comma-separated). */
    @NotNull
    @JsonProperty
    public List<String> tokens = new ArrayList<>();
    /** Secrets that sign receipts ({@code ACCESSPROOF_RECEIPT_SECRET}, comma-separated: one per app). */
    @NotNull
    @JsonProperty
    public List<String> receiptSecrets = new ArrayList<>();
}
