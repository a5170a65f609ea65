package io.accessproof.server.secrets;

import io.accessproof.server.api.ApiConfig;
import io.accessproof.server.api.Operator;
import io.accessproof.server.api.ReceiptApp;
import io.accessproof.server.config.CommaLists;
import io.accessproof.server.database.DatabaseConfig;
import io.accessproof.server.intake.StripeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The secrets {@code server} refuses to start without: missing, blank, a placeholder left unsubstituted,
 * a development default, or (for operator tokens and receipt secrets) shorter than {@value #MIN_TOKEN_LENGTH}
 * characters. {@code dev} does not ask. The message names the setting and its variable, never the value.
 */
public final class SecretRules {
    static final int MIN_TOKEN_LENGTH = 24;
    /** The defaults {@code dev} uses: publicly known, so never a secret. */
    static final Set<String> DEVELOPMENT_DEFAULTS = Set.of("whsec_accessproof_dev_only_not_a_secret", "ap_dev_token",
            "arsec_accessproof_dev_only", "sk_test_accessproof_dev");

    private final List<String> problems = new ArrayList<>();

    /** Throws, in one line naming every refused setting, unless every secret {@code server} needs may be used. */
    public static void refuseUnsafe(StripeConfig stripe, ApiConfig api, DatabaseConfig database) {
        List<String> operatorTokens = api.allOperators().stream()
                .map(o -> o.token).toList();
        SecretRules rules = new SecretRules();
        for (ReceiptApp app : api.receiptApps) {
            rules.optional("api.receiptApps." + app.name + ".secrets", "its secrets", app.secrets, true)
                    .optional("api.receiptApps." + app.name + ".tokens", "its tokens", app.tokens, true);
        }
        List<String> problems = rules
                .required("stripe.webhookSecrets", "STRIPE_WEBHOOK_SECRET", stripe.secrets(), false)
                .required("stripe.apiKey", "STRIPE_API_KEY", stripe.apiKey)
                .required("api.tokens or api.operators", "ACCESSPROOF_API_TOKEN", operatorTokens, true)
                .optional("api.receiptSecrets", "ACCESSPROOF_RECEIPT_SECRET", CommaLists.split(api.receiptSecrets), true)
                .optional("api.receiptTokens", "api.receiptTokens", CommaLists.split(api.receiptTokens), true)
                .databasePassword(database.url, database.password)
                .problems();
        if (!problems.isEmpty()) {
            throw new UnsafeSecretsException("refusing to start: " + String.join("; ", problems));
        }
    }

    /** One line per refused setting; empty when every secret may be used. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** A list of secrets of which at least one is required. */
    public SecretRules required(String setting, String variable, List<String> values, boolean longToken) {
        if (values == null || values.isEmpty()) {
            problems.add(setting + " is not set (set " + variable + ")");
            return this;
        }
        values.forEach(value -> check(setting, variable, value, longToken));
        return this;
    }

    /** A list of secrets that may be empty; those given must be good. */
    public SecretRules optional(String setting, String variable, List<String> values, boolean longToken) {
        if (values != null) {
            values.forEach(value -> check(setting, variable, value, longToken));
        }
        return this;
    }

    public SecretRules required(String setting, String variable, String value) {
        return required(setting, variable, value == null ? List.of() : List.of(value), false);
    }

    /**
     * The database password, unless the URL carries one or names this machine (where local trust or peer
     * authentication is a choice, not an oversight).
     */
    public SecretRules databasePassword(String url, String password) {
        boolean inUrl = url != null && (url.contains("password=") || url.matches("^[a-z]+://[^/@]*:[^/@]*@.*"));
        boolean local = url != null && url.matches("^jdbc:postgresql://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?/.*");
        if (!inUrl && !local) {
            if (password == null || password.isBlank()) {
                problems.add("database.password is not set and the URL has none (set DATABASE_PASSWORD)");
            } else {
                check("database.password", "DATABASE_PASSWORD", password, false);
            }
        }
        return this;
    }

    private void check(String setting, String variable, String value, boolean longToken) {
        if (value == null || value.isBlank()) {
            problems.add(setting + " is blank (set " + variable + ")");
        } else if (value.contains("${")) {
            problems.add(setting + " is an unsubstituted placeholder (set " + variable + ")");
        } else if (DEVELOPMENT_DEFAULTS.contains(value.trim())) {
            problems.add(setting + " is a development default, publicly known (set " + variable + ")");
        } else if (longToken && value.trim().length() < MIN_TOKEN_LENGTH) {
            problems.add(setting + " is shorter than " + MIN_TOKEN_LENGTH + " characters (set " + variable + ")");
        }
    }
}
