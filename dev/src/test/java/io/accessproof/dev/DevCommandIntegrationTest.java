package io.accessproof.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.FreePorts;
import io.accessproof.store.TestPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./accessproof dev} in-process, every port moved to a free one with {@code -Ddw.} overrides as a
 * user would: it comes up healthy with the emulator and the demo app, and a subscription paid for in the
 * emulator ends proven through the HTTP probe.
 */
class DevCommandIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> properties = new LinkedHashMap<>();

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    @Test
    void devStack_startsHealthy_andProvesASubscriptionPaidInTheEmulator(@TempDir Path data) throws Exception {
        int app = FreePorts.next();
        int admin = FreePorts.next();
        int emulator = FreePorts.next();
        int demo = FreePorts.next();
        try (TestPostgres.Database db = TestPostgres.freshDatabase()) {
            override(app, admin, FreePorts.next(), emulator, demo, data);
            set("dw.database.url", db.jdbcUrl() + "?user=" + db.user()
                    + (db.password() == null || db.password().isEmpty() ? "" : "&password=" + db.password()));

            CliRunner.Result dev = CliRunner.runWith(DevApplication::new, Map.of(), "dev");
            try {
                assertThat(dev.succeeded()).as(dev.stderr()).isTrue();
                JsonNode health = JSON.readTree(get("http://127.0.0.1:" + admin + "/healthcheck").body());
                assertThat(health.path("postgresql").path("healthy").asBoolean()).isTrue();
                assertThat(health.path("temporal").path("healthy").asBoolean()).isTrue();
                assertThat(health.path("worker").path("healthy").asBoolean()).isTrue();

                String customer = payForPro("http://127.0.0.1:" + emulator);

                Jdbi jdbi = Jdbi.create(db.jdbcUrl(), db.user(), db.password());
                String state = Eventually.await(Duration.ofSeconds(30), "a proven subscription run", () -> jdbi.withHandle(h ->
                        h.createQuery("SELECT r.state FROM runs r JOIN stripe_events e USING (event_id) "
                                        + "WHERE r.customer_id = :c AND e.type = 'customer.subscription.created' AND r.state = 'proven'")
                                .bind("c", customer).mapTo(String.class).findOne().orElse(null)));
                assertThat(state).isEqualTo("proven");
                JsonNode access = JSON.readTree(get("http://127.0.0.1:" + demo + "/access/" + customer).body());
                assertThat(access.path("plan").asText()).isEqualTo("pro");
            } finally {
                dev.command("dev", DevCommand.class).getEnvironment().getApplicationContext().getServer().stop();
            }
        }
    }

    @Test
    void secondDevOnABusyPort_failsWithAMessageNamingThePort(@TempDir Path data) throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            override(busy.getLocalPort(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), data);

            CliRunner.Result dev = CliRunner.runWith(DevApplication::new, Map.of(), "dev");

            assertThat(dev.succeeded()).isFalse();
            assertThat(dev.stderr()).contains("accessproof dev: port " + busy.getLocalPort()
                    + " (HTTP application) is already in use");
            assertThat(dev.stderr()).doesNotContain("\tat ");
        }
    }

    private void override(int app, int admin, int temporal, int emulator, int demo, Path data) {
        set("dw.server.applicationConnectors[0].port", app);
        set("dw.server.adminConnectors[0].port", admin);
        set("dw.temporal.embeddedPort", temporal);
        set("dw.dev.stripeEmulatorPort", emulator);
        set("dw.dev.demoAppPort", demo);
        set("dw.dev.dataDirectory", data.toString());
        set("dw.stripe.apiBase", "http://127.0.0.1:" + emulator);
        set("dw.logging.level", "WARN");
    }

    private void set(String key, Object value) {
        properties.put(key, String.valueOf(value));
        System.setProperty(key, String.valueOf(value));
    }

    /** Creates a customer and a pro subscription through Stripe's API on the emulator, as a shop would. */
    private String payForPro(String stripe) throws Exception {
        String customer = JSON.readTree(post(stripe + "/v1/customers", "email=ada%40example.com").body()).path("id").asText();
        String price = JSON.readTree(get(stripe + "/v1/prices?lookup_keys%5B%5D=pro_monthly", "sk_test_dev").body())
                .path("data").path(0).path("id").asText();
        HttpResponse<String> sub = post(stripe + "/v1/subscriptions", "customer=" + customer + "&"
                + URLEncoder.encode("items[0][price]", StandardCharsets.UTF_8) + "=" + price);
        assertThat(sub.statusCode()).as(sub.body()).isEqualTo(200);
        return customer;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return get(url, null);
    }

    private HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer sk_test_dev")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
