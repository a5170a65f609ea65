package io.accessproof.devkit.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.sun.net.httpserver.HttpServer;
import io.accessproof.devkit.Poll;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryIntegrationTest {
    record Delivery(String payload, String signature, String eventId) {
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private StripeEmulator emulator;
    private StripeClient stripe;
    private HttpServer receiver;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attemptsPerEvent = new ConcurrentHashMap<>();
    /** attempt number (1-based, per event) → status to answer. */
    private volatile IntUnaryOperator answer = attempt -> 200;
    private String secret;

    @BeforeEach
    void start() throws Exception {
        emulator = StripeEmulator.start(new EmulatorOptions(0, 7).withBackoff(Duration.ofMillis(50), 4));
        stripe = StripeEmulatorIntegrationTest.client(emulator, 0);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(payload).get("id").asText();
            int attempt = attemptsPerEvent.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            int status = answer.applyAsInt(attempt);
            if (status == 200) {
                received.add(new Delivery(payload, exchange.getRequestHeaders().getFirst("Stripe-Signature"), id));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        secret = emulator.addWebhookEndpoint(url());
    }

    @AfterEach
    void stop() {
        emulator.close();
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private String createCustomer() throws Exception {
        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("w@example.com").build());
        return stripe.v1().events().list(EventListParams.builder().setType("customer.created").setLimit(1L).build())
                .getData().get(0).getId();
    }

    private boolean receivedEvent(String id) {
        return received.stream().anyMatch(d -> d.eventId().equals(id));
    }

    @Test
    void everyDeliveryVerifiesWithStripeJava() throws Exception {
        assertThat(secret).startsWith("whsec_");
        emulator.seedDemoCatalogue();
        List<Event> events = stripe.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData();
        Poll.until(WAIT, () -> received.size() >= events.size());
        for (Delivery d : received) {
            Event e = Webhook.constructEvent(d.payload(), d.signature(), secret);
            assertThat(e.getId()).isEqualTo(d.eventId());
        }
        assertThat(received).extracting(Delivery::eventId)
                .containsExactlyInAnyOrderElementsOf(events.stream().map(Event::getId).toList());
        Poll.until(WAIT, () -> listUndelivered().isEmpty());
    }

    @Test
    void receiverAnswers500_emulatorRetriesUntil2xx() throws Exception {
        answer = attempt -> attempt < 3 ? 500 : 200;
        String id = createCustomer();
        Poll.until(WAIT, () -> receivedEvent(id));
        assertThat(attemptsPerEvent.get(id).get()).isEqualTo(3);
        Poll.until(WAIT, () -> listUndelivered().isEmpty());
    }

    @Test
    void receiverAlwaysFails_eventStaysUndeliveredAfterMaxAttempts() throws Exception {
        answer = attempt -> 500;
        String id = createCustomer();
        Poll.until(WAIT, () -> attemptsPerEvent.containsKey(id) && attemptsPerEvent.get(id).get() == 4);
        assertThat(listUndelivered()).contains(id);
    }

    @Test
    void droppedDeliveries_areVisibleAsDeliverySuccessFalse() throws Exception {
        post("/_emulator/faults", "{\"drop_rate\":1.0}");
        String dropped = createCustomer();
        post("/_emulator/faults", "{}");
        String delivered = createCustomer();
        Poll.until(WAIT, () -> receivedEvent(delivered));
        assertThat(receivedEvent(dropped)).isFalse();
        assertThat(listUndelivered()).containsExactly(dropped);
        assertThat(get("/_emulator/deliveries")).contains("dropped");
    }

    @Test
    void duplicateFault_deliversEachEventTwice() throws Exception {
        post("/_emulator/faults", "{\"duplicate_rate\":1.0}");
        String id = createCustomer();
        Poll.until(WAIT, () -> received.stream().filter(d -> d.eventId().equals(id)).count() == 2);
    }

    @Test
    void reorderFault_deliversAllEventsOutOfCreationOrder() throws Exception {
        post("/_emulator/faults", "{\"reorder\":true,\"reorder_window_ms\":400}");
        List<String> created = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            created.add(createCustomer());
        }
        Poll.until(WAIT, () -> received.size() == 10);
        List<String> arrival = received.stream().map(Delivery::eventId).toList();
        assertThat(arrival).containsExactlyInAnyOrderElementsOf(created).isNotEqualTo(created);
    }

    @Test
    void rolledSecret_bothSecretsVerifyDuringOverlap() throws Exception {
        String rolled = emulator.rollWebhookSecret(url(), Duration.ofMinutes(5));
        String id = createCustomer();
        Poll.until(WAIT, () -> receivedEvent(id));
        Delivery d = received.stream().filter(x -> x.eventId().equals(id)).findFirst().orElseThrow();
        assertThat(d.signature().split(",")).filteredOn(p -> p.startsWith("v1=")).hasSize(2);
        assertThat(Webhook.constructEvent(d.payload(), d.signature(), secret).getId()).isEqualTo(id);
        assertThat(Webhook.constructEvent(d.payload(), d.signature(), rolled).getId()).isEqualTo(id);
    }

    private List<String> listUndelivered() {
        try {
            return stripe.v1().events().list(EventListParams.builder().setDeliverySuccess(false).setLimit(100L).build())
                    .getData().stream().map(Event::getId).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
