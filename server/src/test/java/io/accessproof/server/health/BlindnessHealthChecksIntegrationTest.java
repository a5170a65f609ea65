package io.accessproof.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Counter;
import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import io.accessproof.activities.probes.HttpProbe;
import io.accessproof.activities.probes.HttpProbeConfig;
import io.accessproof.server.intake.StripeConfig;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TestApp;
import io.accessproof.server.temporal.WorkerActivities;
import io.accessproof.store.events.StripeEventDao;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code stripe} and {@code probe} health checks against the emulator and the demo app over real sockets. */
class BlindnessHealthChecksIntegrationTest {
    private static final String KEY = "sk_test_accessproof_health";
    private static DevStack stack;
    private static Jdbi jdbi;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.start();
        jdbi = stack.jdbi().installPlugin(new SqlObjectPlugin());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void heal() throws Exception {
        send("DELETE", stack.emulator().baseUrl() + "/_emulator/faults", null);
        jdbi.useHandle(h -> h.execute("DELETE FROM stripe_events WHERE event_id LIKE 'evt_health_%'"));
        jdbi.useHandle(h -> h.execute("DELETE FROM stripe_key_breakers")); // each test starts with a key that works
    }

    /** The stack starts the demo app after the application, so the first probe check may have seen nothing. */
    @Test
    void summary_showsWhetherAccessproofCanSee() throws Exception {
        JsonNode sight = Eventually.await(Duration.ofSeconds(25), "the probe check seeing the demo app", () -> {
            JsonNode s = new ObjectMapper().readTree(stack.app().get(stack.app().url("/api/summary"), TestApp.API_TOKEN)
                    .body()).path("sight");
            return s.path("probe").path("healthy").asBoolean() ? s : null;
        });
        assertThat(sight.path("stripe").path("healthy").asBoolean()).as(sight.toString()).isTrue();
        assertThat(sight.path("stripe").path("message").asText()).startsWith("Stripe accepts the test key");
    }

    @Test
    void keyAccepted_healthyNamingItsMode() {
        HealthCheck.Result result = stripeCheck(stack.emulator().baseUrl()).execute();

        assertThat(result.isHealthy()).as(result.getMessage()).isTrue();
        assertThat(result.getMessage()).startsWith("Stripe accepts the test key");
    }

    @Test
    void readsInTurn_showTheKeysAccountAndWarnOfAWebhookEndpointOnAnotherApiVersion() throws Exception {
        send("POST", stack.emulator().baseUrl() + "/v1/webhook_endpoints?url=https%3A%2F%2Fexample.com%2Fhook"
                + "&api_version=2020-08-27", null, "Bearer sk_test_shop");
        StripeHealthCheck check = stripeCheck(stack.emulator().baseUrl());

        check.execute();
        HealthCheck.Result withAccount = check.execute();
        HealthCheck.Result withEndpoints = check.execute();

        assertThat(withAccount.getMessage()).contains("of account acct_emulator");
        assertThat(withEndpoints.isHealthy()).isTrue();
        assertThat(withEndpoints.getMessage()).contains("warning: webhook endpoint we_", "sends API version 2020-08-27",
                "stripe-java here pins " + Stripe.API_VERSION);
    }

    @Test
    void keyRevoked_unhealthyAndSaysSo() throws Exception {
        refuse(401);

        HealthCheck.Result result = stripeCheck(stack.emulator().baseUrl()).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("Stripe refuses the API key (test mode)")
                .contains("Expired API Key").doesNotContain(KEY);
    }

    @Test
    void restrictedKeyWithoutPermission_unhealthyNamingThePermission() throws Exception {
        refuse(403);

        HealthCheck.Result result = stripeCheck(stack.emulator().baseUrl()).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("rak_customer_read");
    }

    @Test
    void testKeyWhileLiveEventsArrive_unhealthy() {
        jdbi.useHandle(h -> h.execute("INSERT INTO stripe_events (event_id, type, livemode, created, payload, "
                + "raw_payload, dispatched) VALUES ('evt_health_live', 'invoice.paid', true, now(), '{}'::jsonb, "
                + "'\\x7b7d'::bytea, now())"));

        HealthCheck.Result result = stripeCheck(stack.emulator().baseUrl()).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).contains("test key but the latest events are live mode");
    }

    @Test
    void stripeNotAnswering_unhealthy() {
        HealthCheck.Result result = stripeCheck("http://127.0.0.1:" + FreePorts.next()).execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("Stripe could not be read");
    }

    @Test
    void probe_healthyWhileTheAppAnswers_unhealthyWhileItHangs() throws Exception {
        ProbeHealthCheck check = new ProbeHealthCheck(new HttpProbe(new HttpProbeConfig(
                stack.demoUrl() + "/access/{customer_id}", Map.of(), "/plan", "/active", null, "X-Deploy-Sha", null,
                Duration.ofSeconds(1), Duration.ofMillis(300))));
        assertThat(check.execute().isHealthy()).as(check.execute().getMessage()).isTrue();

        send("PUT", stack.demoUrl() + "/_demo/faults/" + ProbeHealthCheck.NO_SUCH_CUSTOMER, "{\"mode\":\"hang\",\"seconds\":1}");
        try {
            HealthCheck.Result hanging = check.execute();
            assertThat(hanging.isHealthy()).isFalse();
            assertThat(hanging.getMessage()).startsWith("the app's probe does not answer");
        } finally {
            send("DELETE", stack.demoUrl() + "/_demo/faults/" + ProbeHealthCheck.NO_SUCH_CUSTOMER, null);
        }
    }

    private static StripeHealthCheck stripeCheck(String apiBase) {
        StripeConfig config = new StripeConfig();
        config.apiKey = KEY;
        config.apiBase = apiBase;
        return new StripeHealthCheck(WorkerActivities.stripeKeyCheck(config, jdbi,
                new WorkerActivities.StripeCounters(new Counter(), new Counter())),
                jdbi.onDemand(StripeEventDao.class));
    }

    private void refuse(int status) throws Exception {
        send("POST", stack.emulator().baseUrl() + "/_emulator/faults",
                "{\"refuse_key\":\"" + KEY + "\",\"refuse_status\":" + status + "}");
    }

    private void send(String method, String url, String json) throws Exception {
        send(method, url, json, null);
    }

    private void send(String method, String url, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
