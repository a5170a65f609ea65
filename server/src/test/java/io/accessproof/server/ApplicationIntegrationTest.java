package io.accessproof.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.activities.store.TestPostgres;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TestApp;
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
                "temporal: {target: '127.0.0.1:" + FreePorts.next() + "'}"));

        CliRunner.Result result = CliRunner.run("server", config.toString());

        assertThat(result.succeeded()).isFalse();
        assertThat(result.stderr()).contains("accessproof server: PostgreSQL is unreachable at " + url);
        assertThat(result.stderr()).doesNotContain("\tat ");
    }
}
