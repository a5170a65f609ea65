package io.accessproof.server.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole path in the dev stack: the demo app drops a change, the incident opens, the webhook sink hears. */
class IncidentNotificationEndToEndIntegrationTest {
    private static final String SECRET = "whsec_e2e_sink";
    private static final List<String[]> received = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/incidents", exchange -> {
            received.add(new String[] {exchange.getRequestHeaders().getFirst("Accessproof-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        stack = DevStack.start(
                ConfigOverride.config("proving.defaultDeadline", "3s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "1s"),
                ConfigOverride.config("notifications.sinks[0].name", "e2e-hook"),
                ConfigOverride.config("notifications.sinks[0].type", "webhook"),
                ConfigOverride.config("notifications.sinks[0].url",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/incidents"),
                ConfigOverride.config("notifications.sinks[0].secret", SECRET));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        receiver.stop(0);
    }

    @Test
    void demoAppDropsTheChange_webhookSinkGetsTheSignedIncidentAndTheAttemptIsRecorded() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "team_monthly");

        String[] request = Eventually.await(Duration.ofSeconds(30), "the incident webhook for " + customer,
                () -> received.stream().filter(r -> r[1].contains(customer)).findFirst().orElse(null));

        assertThat(Webhook.Signature.verifyHeader(request[1], request[0], SECRET, 300)).isTrue();
        JsonNode body = new ObjectMapper().readTree(request[1]);
        assertThat(body.path("type").asText()).isEqualTo("incident.opened");
        assertThat(body.at("/incident/kind").asText()).isEqualTo("access_not_granted");
        assertThat(body.at("/incident/evidence/expected_plan").asText()).isEqualTo("team");
        String incidentId = body.at("/incident/id").asText();
        String notified = Eventually.await(Duration.ofSeconds(10), "the attempt on " + incidentId,
                () -> stack.jdbi().withHandle(h -> h.createQuery(
                                "SELECT notified::text FROM incidents WHERE incident_id = :id")
                        .bind("id", incidentId).mapTo(String.class).findOne())
                        .filter(text -> text.contains("\"sent\"")).orElse(null));
        assertThat(new ObjectMapper().readTree(notified)).anySatisfy(attempt -> {
            assertThat(attempt.path("sink").asText()).isEqualTo("e2e-hook");
            assertThat(attempt.path("status").asInt()).isEqualTo(204);
        });
    }

    @Test
    void operatorResolvesTheIncident_webhookSinkHearsTheResolution() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "pro_monthly");
        String[] opened = Eventually.await(Duration.ofSeconds(30), "the incident webhook for " + customer,
                () -> received.stream().filter(r -> r[1].contains(customer) && r[1].contains("incident.opened"))
                        .findFirst().orElse(null));
        String incidentId = new ObjectMapper().readTree(opened[1]).at("/incident/id").asText();

        HttpResponse<String> resolve = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.app().url("/api/incidents/" + incidentId + "/resolve")))
                .header("Authorization", "Bearer " + TestApp.API_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"granted by hand\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(resolve.statusCode()).isEqualTo(200);
        String[] resolved = Eventually.await(Duration.ofSeconds(30), "the resolution webhook of " + incidentId,
                () -> received.stream().filter(r -> r[1].contains(incidentId) && !r[1].contains("incident.opened"))
                        .findFirst().orElse(null));
        JsonNode body = new ObjectMapper().readTree(resolved[1]);
        assertThat(Webhook.Signature.verifyHeader(resolved[1], resolved[0], SECRET, 300)).isTrue();
        assertThat(body.path("type").asText()).isEqualTo("incident.resolved");
        assertThat(resolved[1]).contains("manual");
    }
}
