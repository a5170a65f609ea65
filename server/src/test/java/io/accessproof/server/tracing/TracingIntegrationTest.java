package io.accessproof.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.dropwizard.testing.ConfigOverride;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One Stripe event, one trace: an in-process OTLP/HTTP receiver gets the spans of the webhook, the outbox's
 * hand-over, the run's workflow start and run, and its reconcile, probe and verdict activities, all of one trace;
 * no span attribute carries an email or a secret.
 */
class TracingIntegrationTest {
    private static final List<Span> SPANS = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
                request.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                        .forEach(scope -> SPANS.addAll(scope.getSpansList())));
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        receiver.start();
        stack = DevStack.withShortDeadlines(ConfigOverride.config("tracing.otlpEndpoint",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces"));
    }

    @AfterAll
    static void stop() {
        stack.close();
        receiver.stop(0);
    }

    @Test
    void oneEventIsOneTrace_fromTheWebhookToTheVerdict_withIdsOnly() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        String eventId = stack.awaitRun(customer, "proven");

        Set<String> names = Eventually.await(Duration.ofSeconds(30), "the spans of " + eventId + "'s trace", () -> {
            Set<String> found = spanNamesOfTheTraceOf(eventId);
            return found.containsAll(EXPECTED) ? found : null;
        });

        assertThat(names).containsAll(EXPECTED);
        List<String> values = SPANS.stream().flatMap(s -> s.getAttributesList().stream())
                .map(a -> a.getKey() + "=" + a.getValue().getStringValue()).toList();
        assertThat(values).isNotEmpty().noneMatch(v -> v.contains("@") || v.contains("sk_test") || v.contains("whsec")
                || v.contains("ap_test_token") || v.contains("arsec_"));
    }

    private static final Set<String> EXPECTED = Set.of("stripe.webhook", "outbox.dispatch",
            "SignalWithStartWorkflow:BillingOutcomeWorkflow", "RunWorkflow:BillingOutcomeWorkflow",
            "RunActivity:Reconcile", "RunActivity:Probe", "RunActivity:Record");

    private static Set<String> spanNamesOfTheTraceOf(String eventId) {
        return SPANS.stream().filter(s -> s.getName().equals("stripe.webhook") && attribute(s, "stripe.event_id", eventId))
                .findFirst()
                .map(webhook -> SPANS.stream().filter(s -> s.getTraceId().equals(webhook.getTraceId()))
                        .map(Span::getName).collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    private static boolean attribute(Span span, String key, String value) {
        for (KeyValue attribute : span.getAttributesList()) {
            if (attribute.getKey().equals(key) && attribute.getValue().getStringValue().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
