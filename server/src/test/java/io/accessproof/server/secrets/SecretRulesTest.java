package io.accessproof.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRulesTest {

    @Test
    void databasePassword_requiredForARemoteDatabaseWithoutOneInItsUrl() {
        assertThat(new SecretRules().databasePassword("jdbc:postgresql://db.internal:5432/ap", "").problems())
                .containsExactly("database.password is not set and the URL has none (set DATABASE_PASSWORD)");
        assertThat(new SecretRules().databasePassword("jdbc:postgresql://db.internal:5432/ap", "s3cret-db").problems())
                .isEmpty();
        assertThat(new SecretRules().databasePassword("jdbc:postgresql://db.internal/ap?user=ap&password=x", null)
                .problems()).isEmpty();
        assertThat(new SecretRules().databasePassword("postgres://ap:pw@db.internal/ap", null).problems()).isEmpty();
        assertThat(new SecretRules().databasePassword("jdbc:postgresql://127.0.0.1:5432/ap", "").problems())
                .as("local trust authentication is a choice").isEmpty();
    }

    @Test
    void tokens_refusedWhenShortBlankPlaceholderOrDevelopmentDefault_neverShowingTheValue() {
        List<String> problems = new SecretRules()
                .required("api.tokens", "ACCESSPROOF_API_TOKEN", List.of("short-secret-value"), true)
                .required("stripe.webhookSecrets", "STRIPE_WEBHOOK_SECRET", List.of("${STRIPE_WEBHOOK_SECRET}"), false)
                .required("stripe.apiKey", "STRIPE_API_KEY", " ")
                .optional("api.receiptSecrets", "ACCESSPROOF_RECEIPT_SECRET", List.of("arsec_accessproof_dev_only"), true)
                .problems();

        assertThat(problems).containsExactly(
                "api.tokens is shorter than 24 characters (set ACCESSPROOF_API_TOKEN)",
                "stripe.webhookSecrets is an unsubstituted placeholder (set STRIPE_WEBHOOK_SECRET)",
                "stripe.apiKey is blank (set STRIPE_API_KEY)",
                "api.receiptSecrets is a development default, publicly known (set ACCESSPROOF_RECEIPT_SECRET)");
        assertThat(String.join(" ", problems)).doesNotContain("short-secret-value");
    }
}
