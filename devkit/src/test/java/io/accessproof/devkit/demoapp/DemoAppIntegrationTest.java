package io.accessproof.devkit.demoapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.sun.net.httpserver.HttpServer;
import io.accessproof.devkit.Poll;
import io.accessproof.devkit.stripe.EmulatorOptions;
import io.accessproof.devkit.stripe.StripeEmulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoAppIntegrationTest {
    private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String WEBHOOK_SECRET = "whsec_demo_test";
    private static final String RECEIPT_SECRET = "receipt_secret";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = "demo_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static DemoApp app;
    private static HttpServer receiptsServer;
    private static final List<JsonNode> receipts = new CopyOnWriteArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        emulator = StripeEmulator.start(new EmulatorOptions(0, 11).withBackoff(Duration.ofMillis(50), 3));
        emulator.seedDemoCatalogue();
        stripe = StripeClient.builder().setApiKey("sk_test_demo").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(0).build();
        receiptsServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiptsServer.createContext("/receipts", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String sig = exchange.getRequestHeaders().getFirst("Accessproof-Signature");
            long t = Long.parseLong(sig.split(",")[0].substring(2));
            String expected;
            try {
                expected = Webhook.Util.computeHmacSha256(RECEIPT_SECRET, t + "." + body);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            int status = sig.contains("v1=" + expected) ? 202 : 401;
            if (status == 202) {
                receipts.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiptsServer.start();
        String receiptsUrl = "http://127.0.0.1:" + receiptsServer.getAddress().getPort() + "/receipts";
        app = DemoApp.start(new DemoAppOptions(0, JDBC, "postgres", "", SCHEMA, WEBHOOK_SECRET, receiptsUrl,
                RECEIPT_SECRET).withDeploySha("sha-test"));
        emulator.addWebhookEndpoint(app.webhookUrl(), WEBHOOK_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        emulator.close();
        receiptsServer.stop(0);
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private String customerWithFault(String faultJson) throws Exception {
        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        if (faultJson != null) {
            send("PUT", "/_demo/faults/" + customer, faultJson);
        }
        return customer;
    }

    /** Subscribes to pro and returns the customer.subscription.created event id. */
    private String subscribePro(String customer) throws Exception {
        String price = stripe.v1().prices().list(PriceListParams.builder().addLookupKey("pro_monthly").build())
                .getData().get(0).getId();
        String sub = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(price).build()).build()).getId();
        return stripe.v1().events().list(EventListParams.builder().setType("customer.subscription.created").build())
                .getData().stream().filter(e -> e.toJson().contains(sub)).findFirst().map(Event::getId).orElseThrow();
    }

    private boolean delivered(String eventId) {
        try {
            return stripe.v1().events().retrieve(eventId).getPendingWebhooks() == 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode receiptFor(String eventId) {
        return receipts.stream().filter(r -> r.path("event_id").asText().equals(eventId)).findFirst().orElse(null);
    }

    private HttpResponse<String> access(String customer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/access/" + customer)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode accessJson(String customer) {
        try {
            return JSON.readTree(access(customer).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String method, String path, String json) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ok_appliesPlanAndSendsSignedProcessedReceipt() throws Exception {
        String customer = customerWithFault(null);
        String eventId = subscribePro(customer);
        Poll.until(WAIT, () -> receiptFor(eventId) != null);
        JsonNode receipt = receiptFor(eventId);
        assertThat(receipt.path("status").asText()).isEqualTo("processed");
        assertThat(receipt.path("customer_id").asText()).isEqualTo(customer);
        assertThat(receipt.path("deploy_sha").asText()).isEqualTo("sha-test");
        HttpResponse<String> response = access(customer);
        assertThat(response.headers().firstValue("X-Deploy-Sha")).contains("sha-test");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("plan").asText()).isEqualTo("pro");
        assertThat(body.path("active").asBoolean()).isTrue();

        String sub = stripe.v1().subscriptions().list().getData().stream()
                .filter(s -> s.getCustomer().equals(customer)).findFirst().orElseThrow().getId();
        stripe.v1().subscriptions().cancel(sub);
        Poll.until(WAIT, () -> !accessJson(customer).path("active").asBoolean(true));
    }

    @Test
    void unknownCustomer_is404() throws Exception {
        HttpResponse<String> response = access("cus_unknown");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("unknown customer");
    }

    @Test
    void drop_answers200ButAppliesNothingAndSendsNoReceipt() throws Exception {
        String customer = customerWithFault("{\"mode\":\"drop\"}");
        String eventId = subscribePro(customer);
        Poll.until(WAIT, () -> delivered(eventId));
        assertThat(access(customer).statusCode()).isEqualTo(404);
        assertThat(receiptFor(eventId)).isNull();
    }

    @Test
    void delay_appliesAfterTheDelay() throws Exception {
        String customer = customerWithFault("{\"mode\":\"delay\",\"seconds\":1}");
        String eventId = subscribePro(customer);
        Poll.until(WAIT, () -> delivered(eventId));
        assertThat(access(customer).statusCode()).isEqualTo(404);
        Poll.until(WAIT, () -> "pro".equals(accessJson(customer).path("plan").asText()));
        Poll.until(WAIT, () -> receiptFor(eventId) != null);
    }

    @Test
    void wrongPlan_appliesADifferentPlan() throws Exception {
        String customer = customerWithFault("{\"mode\":\"wrong_plan\"}");
        String eventId = subscribePro(customer);
        Poll.until(WAIT, () -> receiptFor(eventId) != null);
        assertThat(accessJson(customer).path("plan").asText()).isEqualTo("team");
    }

    @Test
    void fail_answers500SoTheEmulatorRetriesAndGivesUp() throws Exception {
        String customer = customerWithFault("{\"mode\":\"fail\"}");
        String eventId = subscribePro(customer);
        Poll.until(WAIT, () -> failedAttempts(eventId) == 3);
        assertThat(delivered(eventId)).isFalse();
        assertThat(access(customer).statusCode()).isEqualTo(404);
        assertThat(receiptFor(eventId)).isNull();
    }

    @Test
    void receiptFailed_sendsFailedReceiptAndAppliesNothing() throws Exception {
        String customer = customerWithFault("{\"mode\":\"receipt_failed\"}");
        String eventId = subscribePro(customer);
        Poll.until(WAIT, () -> receiptFor(eventId) != null);
        assertThat(receiptFor(eventId).path("status").asText()).isEqualTo("failed");
        assertThat(receiptFor(eventId).path("reason_code").asText()).isEqualTo("entitlement_service_down");
        assertThat(access(customer).statusCode()).isEqualTo(404);
    }

    @Test
    void lie_sendsProcessedReceiptButAppliesNothing() throws Exception {
        String customer = customerWithFault("{\"mode\":\"lie\"}");
        String eventId = subscribePro(customer);
        Poll.until(WAIT, () -> receiptFor(eventId) != null);
        assertThat(receiptFor(eventId).path("status").asText()).isEqualTo("processed");
        assertThat(access(customer).statusCode()).isEqualTo(404);
    }

    @Test
    void badSignature_isRejected() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(app.webhookUrl()))
                .header("Stripe-Signature", "t=1,v1=00").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
    }

    private long failedAttempts(String eventId) {
        try {
            JsonNode log = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "/_emulator/deliveries")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            long n = 0;
            for (JsonNode a : log.path("data")) {
                if (a.path("eventId").asText().equals(eventId) && a.path("status").asInt() == 500) {
                    n++;
                }
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
