package io.accessproof.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Never blind: the emulator refuses accessproof's own key (401, 403, 404) while the shop's key works, or the
 * demo app stops answering its probe. Every run of the payment ends in a cannot-verify incident, none closes
 * not applicable or accuses the app; once accessproof can see again, the runs prove themselves late.
 */
class CannotVerifyEndToEndIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String ACCESSPROOF_KEY = "sk_test_accessproof";
    private static DevStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines(
                ConfigOverride.config("proving.watchCadence", "1s"),
                ConfigOverride.config("stripe.keyRefusedProbeEvery", "1s"),
                ConfigOverride.config("proving.http.timeout", "500ms"),
                ConfigOverride.config("stripe.apiKey", ACCESSPROOF_KEY));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @AfterEach
    void heal() throws Exception {
        send("DELETE", stack.emulator().baseUrl() + "/_emulator/faults", null);
    }

    @Test
    void stripeRevokesTheKey_everyRunOfThePaymentIsStripeAuth_thenProvenLateWhenTheKeyWorksAgain() throws Exception {
        refuseAccessproofsKey(401);
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");

        Map<String, List<String>> runs = stack.awaitSettled(customer);
        assertThat(runs.keySet()).containsOnly("incident");
        assertThat(incidentKinds(customer)).containsOnly("stripe_auth");
        assertThat(openIncidentTitles(customer)).allSatisfy(title -> assertThat(title)
                .startsWith("Cannot verify Stripe event").endsWith("Stripe refused accessproof's API key; fix stripe.apiKey"));
        int blind = openIncidentTitles(customer).size();
        JsonNode page = json(stack.app().get(stack.app().url("/api/incidents?kind=stripe_auth&customer=" + customer),
                TestApp.API_TOKEN)).path("data").get(0);
        List<String> affected = new ArrayList<>();
        page.path("group_event_ids").forEach(id -> affected.add(id.asText()));
        assertThat(affected).as("one page lists the runs the refused key hit").containsAll(runs.get("incident"));
        JsonNode summary = json(stack.app().get(stack.app().url("/api/summary"), TestApp.API_TOKEN));
        assertThat(summary.path("open_cannot_verify").asLong()).isGreaterThanOrEqualTo(blind);
        JsonNode metrics = json(stack.app().get(stack.app().adminUrl("/metrics.json")));
        assertThat(metrics.path("gauges").path("runs.cannot_verify.stripe_auth").path("value").asLong())
                .isGreaterThanOrEqualTo(blind);
        assertThat(metrics.path("counters").path("stripe.auth_failures").path("count").asLong()).isPositive();

        heal();
        Eventually.await(WAIT, "every incident of " + customer + " resolved", () -> openIncidentTitles(customer).isEmpty());
        assertThat(states(customer)).doesNotContain("incident", "not_applicable").contains("proven_late");
    }

    @Test
    void restrictedKeyWithoutPermission_stripeAuthNamingThePermission() throws Exception {
        refuseAccessproofsKey(403);
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");

        stack.awaitSettled(customer);
        assertThat(incidentKinds(customer)).containsOnly("stripe_auth");
        List<String> details = stack.jdbi().withHandle(h -> h.createQuery(
                        "SELECT evidence->>'stripe_detail' FROM incidents WHERE customer_id = :c")
                .bind("c", customer).mapTo(String.class).list());
        assertThat(details).allSatisfy(detail -> assertThat(detail).contains("permission", "rak_")
                .doesNotContain(ACCESSPROOF_KEY));
    }

    @Test
    void objectsInvisibleToTheKey_stripeNotFound_neverNotApplicable() throws Exception {
        refuseAccessproofsKey(404);
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");

        Map<String, List<String>> runs = stack.awaitSettled(customer);
        assertThat(runs.keySet()).containsOnly("incident");
        assertThat(incidentKinds(customer)).containsOnly("stripe_not_found");
        List<String> details = stack.jdbi().withHandle(h -> h.createQuery(
                        "SELECT evidence->>'stripe_detail' FROM incidents WHERE customer_id = :c")
                .bind("c", customer).mapTo(String.class).list());
        assertThat(details).as("the key's mode and account, and the event's mode").allSatisfy(detail -> assertThat(detail)
                .contains("read with a test-mode key on the platform account, for a test-mode event"));
    }

    @Test
    void appDoesNotAnswerItsProbe_appUnreachableNotAccessNotGranted() throws Exception {
        String customer = stack.newCustomer();
        send("PUT", stack.demoUrl() + "/_demo/faults/" + customer, "{\"mode\":\"hang\",\"seconds\":2}");
        stack.subscribe(customer, "pro_monthly");

        Eventually.await(WAIT, "an app_unreachable incident for " + customer,
                () -> incidentKinds(customer).contains("app_unreachable"));
        assertThat(incidentKinds(customer)).doesNotContain("access_not_granted", "access_not_revoked");

        send("DELETE", stack.demoUrl() + "/_demo/faults/" + customer, null);
        Eventually.await(WAIT, "the app_unreachable incidents resolved", () -> openIncidentTitles(customer).isEmpty());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private void refuseAccessproofsKey(int status) throws Exception {
        send("POST", stack.emulator().baseUrl() + "/_emulator/faults",
                "{\"refuse_key\":\"" + ACCESSPROOF_KEY + "\",\"refuse_status\":" + status + "}");
    }

    private List<String> incidentKinds(String customer) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT kind FROM incidents WHERE customer_id = :c")
                .bind("c", customer).mapTo(String.class).list());
    }

    private List<String> openIncidentTitles(String customer) {
        return stack.jdbi().withHandle(h -> h.createQuery(
                        "SELECT title FROM incidents WHERE customer_id = :c AND resolved_at IS NULL")
                .bind("c", customer).mapTo(String.class).list());
    }

    private List<String> states(String customer) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT state FROM runs WHERE customer_id = :c")
                .bind("c", customer).mapTo(String.class).list());
    }

    private void send(String method, String url, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isEqualTo(200);
    }
}
