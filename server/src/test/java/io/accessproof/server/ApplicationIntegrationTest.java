package io.accessproof.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application as {@code server} runs it: healthy against real PostgreSQL and Temporal, or a clear error. */
class ApplicationIntegrationTest {

    /** The test configuration's Stripe API base answers nothing: accessproof is blind, and says so, but keeps taking events. */
    @Test
    void bootsAgainstPostgresAndTemporal_blindToStripe_adminRedButTheIntakeStaysInRotation() throws Exception {
        try (TestPostgres.Database db = TestPostgres.freshDatabase(); TestApp app = TestApp.start(db)) {
            HttpResponse<String> health = app.get(app.adminUrl("/healthcheck"));

            assertThat(health.statusCode()).isEqualTo(500);
            JsonNode checks = new ObjectMapper().readTree(health.body());
            for (String check : new String[] {"postgresql", "temporal", "worker"}) {
                assertThat(checks.path(check).path("healthy").asBoolean()).as(check).isTrue();
            }
            assertThat(checks.path("stripe").path("healthy").asBoolean()).isFalse();
            assertThat(checks.path("stripe").path("message").asText()).startsWith("Stripe could not be read");

            HttpResponse<String> balancer = app.get(app.url("/health-check"));
            assertThat(balancer.statusCode()).as("the load balancer's URL on the application port").isEqualTo(200);

            int temporal = app.config().temporal.embeddedPort;
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress("127.0.0.1", temporal), 2_000);
            }
            assertThatThrownBy(() -> {
                try (Socket other = new Socket()) {
                    other.connect(new InetSocketAddress("127.0.0.2", temporal), 2_000);
                }
            }).as("the embedded Temporal answers on 127.0.0.1 only").isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void serverWithUnreachableDatabase_failsWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        int closedPort = FreePorts.next();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/accessproof";
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "server:",
                "  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]",
                "  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]",
                "logging: {level: 'OFF'}",
                "database: {url: '" + url + "'}",
                "temporal: {target: '127.0.0.1:" + FreePorts.next() + "'}",
                GOOD_SECRETS));

        CliRunner.Result result = CliRunner.run("server", config.toString());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr()).contains("accessproof server: PostgreSQL is unreachable at " + url);
        assertThat(result.stderr()).doesNotContain("\tat ");
    }

    @Test
    void serverWithDevelopmentOrShortSecrets_refusesInOneLineNamingEachSetting_neverItsValue(@TempDir Path dir)
            throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "server:",
                "  applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]",
                "  adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]",
                "logging: {level: 'OFF'}",
                "database: {url: 'jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/accessproof'}",
                "stripe: {webhookSecrets: ['whsec_accessproof_dev_only_not_a_secret'], apiKey: 'sk_test_0123456789'}",
                "api: {tokens: ['ap_dev_token'], receiptSecrets: ['arsec_short_one']}"));

        CliRunner.Result result = CliRunner.run("server", config.toString());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr()).contains("accessproof server: refusing to start: ",
                "stripe.webhookSecrets is a development default, publicly known (set STRIPE_WEBHOOK_SECRET)",
                "api.tokens or api.operators is a development default, publicly known (set ACCESSPROOF_API_TOKEN)",
                "api.receiptSecrets is shorter than 24 characters (set ACCESSPROOF_RECEIPT_SECRET)");
        assertThat(result.stderr()).doesNotContain("\tat ", "arsec_short_one");
        assertThat(result.stderr().lines().filter(l -> l.startsWith("accessproof server:"))).hasSize(1);
    }

    @Test
    void serverWithAnUnsetVariable_refusesInsteadOfUsingThePlaceholderAsASecret(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "logging: {level: 'OFF'}",
                "database: {url: 'jdbc:postgresql://127.0.0.1:1/accessproof'}",
                "stripe: {webhookSecrets: ['${ACCESSPROOF_TEST_SURELY_UNSET_SECRET}'], apiKey: 'sk_test_0123456789'}",
                "api: {tokens: ['" + "t".repeat(32) + "']}"));

        CliRunner.Result result = CliRunner.run("server", config.toString());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr()).contains("ACCESSPROOF_TEST_SURELY_UNSET_SECRET");
    }

    private static final String GOOD_SECRETS = String.join("\n",
            "stripe: {webhookSecrets: ['whsec_" + "a".repeat(32) + "'], apiKey: 'sk_test_" + "b".repeat(24) + "'}",
            "api: {tokens: ['" + "c".repeat(32) + "']}");
}
