package io.accessproof.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole stack's log, through a proven payment, an incident with its notification, receipts and a Stripe
 * key the emulator refuses, holds none of the configured secrets (webhook secrets, Stripe key, operator
 * token, receipt secret).
 */
class SecretsNeverLoggedIntegrationTest {

    @Test
    void fullStackLog_holdsNoConfiguredSecret(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("accessproof.log");
        try (DevStack stack = DevStack.withReceipts(
                ConfigOverride.config("proving.defaultDeadline", "2s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "500ms"),
                ConfigOverride.config("logging.level", "INFO"),
                ConfigOverride.config("logging.appenders[0].type", "file"),
                ConfigOverride.config("logging.appenders[0].currentLogFilename", log.toString()),
                ConfigOverride.config("logging.appenders[0].archive", "false"))) {
            String paying = stack.newCustomer();
            String dropped = stack.newCustomer();
            stack.demoFault(dropped, "drop");
            stack.subscribe(paying, "pro_monthly");
            stack.subscribe(dropped, "pro_monthly");
            stack.awaitRun(paying, "proven");
            stack.awaitRun(dropped, "incident");
            stack.app().get(stack.app().url("/api/runs?customer=" + paying), TestApp.API_TOKEN);
            stack.app().get(stack.app().url("/api/incidents"), "a wrong token that is logged nowhere either");
        }

        String written = Files.readString(log);
        assertThat(written).as("the log was written").contains("incident");
        for (String secret : List.of(TestApp.SECRET, TestApp.PREVIOUS_SECRET, TestApp.RECEIPT_SECRET,
                TestApp.API_TOKEN, "sk_test_accessproof", "a wrong token that is logged nowhere either")) {
            assertThat(written).as("the log holds no " + secret.substring(0, 6) + "…").doesNotContain(secret);
        }
    }
}
