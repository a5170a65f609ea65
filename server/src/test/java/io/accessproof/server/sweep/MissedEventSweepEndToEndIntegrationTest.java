package io.accessproof.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The never-delivered story: the emulator drops every delivery while a customer subscribes, so neither
 * accessproof nor the demo app hears of it. The sweep finds the events in Stripe's list and their runs page.
 */
class MissedEventSweepEndToEndIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSubscriptionNobodyWasTold_endsInAnIncidentWithinOneSweepPeriod_sayingItWasNeverDelivered() throws Exception {
        try (DevStack stack = DevStack.withShortDeadlines(ConfigOverride.config("sweep.every", "2s"),
                ConfigOverride.config("sweep.settle", "0s"))) {
            String customer = stack.newCustomer();
            subscribeUnheard(stack, customer);

            String eventId = Eventually.await(Duration.ofSeconds(60), "an incident for " + customer,
                    () -> stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM incidents "
                                    + "WHERE customer_id = :c AND kind = 'access_not_granted'")
                            .bind("c", customer).mapTo(String.class).findFirst().orElse(null)));

            String json = stack.jdbi().withHandle(h -> h.createQuery(
                    "SELECT evidence::text FROM incidents WHERE event_id = :e").bind("e", eventId)
                    .mapTo(String.class).one());
            JsonNode evidence = JSON.readTree(json);
            assertThat(evidence.path("delivery").path("delivered_to_endpoint").asBoolean(true)).isFalse();
            assertThat(evidence.path("delivery").path("check").asText()).contains("webhook endpoint");
            assertThat(source(stack, eventId)).isEqualTo("sweep");
            JsonNode metrics = JSON.readTree(stack.app().get(stack.app().adminUrl("/metrics.json")).body());
            assertThat(metrics.path("counters").path("sweep.found").path("count").asLong())
                    .as("events found never delivered").isPositive();
            assertThat(metrics.path("gauges").path("sweep.lag_seconds").path("value").asLong())
                    .as("the periodic sweep has listed up to a moment ago").isBetween(0L, 60L);
        }
    }

    @Test
    void aSweepByHand_overTheCli_reportsWhatItFound_andALateWebhookIsADuplicate() throws Exception {
        try (DevStack stack = DevStack.start(ConfigOverride.config("sweep.enabled", "false"),
                ConfigOverride.config("sweep.settle", "0s"))) {
            String customer = stack.newCustomer();
            subscribeUnheard(stack, customer);
            String today = LocalDate.now(ZoneOffset.UTC).toString();

            CliRunner.Result sweep = CliRunner.run(Map.of("ACCESSPROOF_URL", stack.app().url(""),
                    "ACCESSPROOF_API_TOKEN", TestApp.API_TOKEN), "sweep", "--since", today);
            CliRunner.Result again = CliRunner.run(Map.of("ACCESSPROOF_URL", stack.app().url(""),
                    "ACCESSPROOF_API_TOKEN", TestApp.API_TOKEN), "sweep", "--since", today, "--json");

            assertThat(sweep.succeeded()).as(sweep.stderr()).isTrue();
            List<String> swept = stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM stripe_events "
                    + "WHERE customer_id = :c AND source = 'sweep'").bind("c", customer).mapTo(String.class).list());
            assertThat(swept).as("the customer's billing events, never delivered").isNotEmpty();
            assertThat(sweep.stdout()).contains(" " + swept.size() + " dispatched");
            JsonNode second = JSON.readTree(again.stdout());
            assertThat(second.path("status").asText()).isEqualTo("done");
            assertThat(second.path("dispatched").asInt()).as("found once").isZero();
            assertThat(second.path("already_stored").asInt()).isGreaterThanOrEqualTo(swept.size());

            String shown = Eventually.await(Duration.ofSeconds(20), "the swept event's run", () -> {
                HttpResponse<String> run = stack.app().get(stack.app().url("/api/runs/" + swept.get(0)), TestApp.API_TOKEN);
                return run.statusCode() == 200 ? run.body() : null;
            });
            assertThat(JSON.readTree(shown).path("delivered").asText()).isEqualTo("swept");

            String late = rawEvent(stack, swept.get(0));
            assertThat(stack.app().postSignedEvent(late).statusCode()).isEqualTo(200);
            assertThat(source(stack, swept.get(0))).isEqualTo("sweep");
            int deliveries = stack.jdbi().withHandle(h -> h.createQuery("SELECT delivery_count FROM stripe_events "
                    + "WHERE event_id = :e").bind("e", swept.get(0)).mapTo(Integer.class).one());
            assertThat(deliveries).as("the late webhook; the sweep's find is not a delivery").isEqualTo(1);
        }
    }

    @Test
    void aSweepByHand_refusesABadDate_with400() throws Exception {
        try (DevStack stack = DevStack.start(ConfigOverride.config("sweep.enabled", "false"))) {
            HttpResponse<String> bad = stack.app().post("/api/sweeps", "{\"since\":\"last tuesday\"}", Map.of(
                    "Content-Type", "application/json", "Authorization", "Bearer " + TestApp.API_TOKEN));
            HttpResponse<String> future = stack.app().post("/api/sweeps", "{\"since\":\"2999-01-01\"}", Map.of(
                    "Content-Type", "application/json", "Authorization", "Bearer " + TestApp.API_TOKEN));

            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("since must be a date (2026-12-01) or an ISO-8601 time");
            assertThat(future.statusCode()).isEqualTo(400);
            assertThat(future.body()).contains("is in the future");
        }
    }

    /** Subscribes while the emulator drops every delivery, to accessproof and to the demo app alike. */
    private static void subscribeUnheard(DevStack stack, String customer) throws Exception {
        faults(stack, "{\"drop_rate\":1}");
        try {
            stack.subscribe(customer, "pro_monthly");
        } finally {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.emulator().baseUrl()
                    + "/_emulator/faults")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static void faults(DevStack stack, String json) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        stack.emulator().baseUrl() + "/_emulator/faults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
    }

    private static String source(DevStack stack, String eventId) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT source FROM stripe_events WHERE event_id = :e")
                .bind("e", eventId).mapTo(String.class).one());
    }

    private static String rawEvent(DevStack stack, String eventId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.emulator().baseUrl()
                        + "/v1/events/" + eventId)).header("Authorization", "Bearer sk_test_stack").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
