package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.Fixtures;
import io.accessproof.server.support.StripeSigning;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.accessproof.workflows.WorkflowIds;
import io.dropwizard.testing.ConfigOverride;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /webhooks/stripe} over real HTTP against real PostgreSQL and an embedded Temporal. */
class StripeWebhookIntegrationTest {
    private static TestPostgres.Database db;
    private static TestApp app;
    private static Jdbi jdbi;
    private static WorkflowServiceStubs temporal;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.freshDatabase();
        // No worker: these tests are about intake and dispatch, not about what a run then does.
        app = TestApp.start(db, ConfigOverride.config("temporal.worker", "false"),
                ConfigOverride.config("stripe.maxBodySize", "64KiB"));
        jdbi = TestApp.jdbi(db);
        temporal = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(app.config().temporal.effectiveTarget()).build());
    }

    @AfterAll
    static void stop() {
        temporal.shutdown();
        app.close();
        db.close();
    }

    @Test
    void everyFixtureEvent_isAcceptedAndStoredByteForByte() throws Exception {
        List<Path> fixtures = Fixtures.events();
        assertThat(fixtures).hasSizeGreaterThan(20);
        for (Path fixture : fixtures) {
            String payload = Fixtures.read(fixture);
            String eventId = jdbiString("SELECT CAST(CAST(:p AS jsonb) ->> 'id' AS text)", payload);
            deleteEvent(eventId); // fixtures from different projects reuse ids

            HttpResponse<String> response = app.postSignedEvent(payload);

            assertThat(response.statusCode()).as(fixture.toString()).isEqualTo(200);
            byte[] stored = jdbi.withHandle(h -> h.createQuery(
                    "SELECT raw_payload FROM stripe_events WHERE event_id = :id").bind("id", eventId)
                    .mapTo(byte[].class).one());
            assertThat(stored).as(fixture.toString()).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
            String parsed = jdbi.withHandle(h -> h.createQuery("SELECT payload::text FROM stripe_events WHERE event_id = :id")
                    .bind("id", eventId).mapTo(String.class).one());
            for (String field : List.of("email", "name", "phone", "address", "shipping", "description", "metadata")) {
                assertThat(parsed).as(fixture + ": the parsed copy keeps no " + field).doesNotContain("\"" + field + "\":");
            }
            assertThat(parsed).as(fixture.toString()).contains("\"id\": \"" + eventId + "\"");
        }
    }

    @Test
    void fiveSequentialAndTenConcurrentDeliveries_giveOneRowAndOneRun() throws Exception {
        String eventId = "evt_dup_" + UUID.randomUUID().toString().replace("-", "");
        String payload = subscriptionEvent(eventId);
        for (int i = 0; i < 5; i++) {
            assertThat(app.postSignedEvent(payload).statusCode()).isEqualTo(200);
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sends.add(() -> app.postSignedEvent(payload).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(sends)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(jdbiLong("SELECT count(*) FROM stripe_events WHERE event_id = :p", eventId)).isEqualTo(1);
        assertThat(jdbiLong("SELECT delivery_count FROM stripe_events WHERE event_id = :p", eventId)).isEqualTo(15);
        Eventually.await(Duration.ofSeconds(10), "dispatch of " + eventId,
                () -> jdbiLong("SELECT count(*) FROM stripe_events WHERE event_id = :p AND dispatched IS NOT NULL", eventId) == 1);
        assertThat(jdbiLong("SELECT dispatch_attempts FROM stripe_events WHERE event_id = :p", eventId)).isEqualTo(1);
        DescribeWorkflowExecutionResponse run = describe(eventId);
        assertThat(run.getWorkflowExecutionInfo().getStatus())
                .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    @Test
    void rotatedSecret_headerWithTwoSignatures_isAccepted() throws Exception {
        String payload = subscriptionEvent("evt_rotated_" + UUID.randomUUID().toString().replace("-", ""));
        String header = StripeSigning.header(payload, Instant.now().getEpochSecond(), "whsec_not_configured",
                TestApp.PREVIOUS_SECRET);

        HttpResponse<String> response = app.post("/webhooks/stripe", payload, json(header));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void staleAndFutureTimestamps_areRefused() throws Exception {
        for (long skew : new long[] {-3600, 3600}) {
            String id = "evt_skew_" + UUID.randomUUID().toString().replace("-", "");
            String payload = subscriptionEvent(id);
            String header = StripeSigning.header(payload, Instant.now().getEpochSecond() + skew, TestApp.SECRET);

            HttpResponse<String> response = app.post("/webhooks/stripe", payload, json(header));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("timestamp outside tolerance");
            assertNotStored(id);
        }
    }

    @Test
    void wrongSecret_isRefusedWithReason() throws Exception {
        String id = "evt_forged_" + UUID.randomUUID().toString().replace("-", "");
        String payload = subscriptionEvent(id);

        HttpResponse<String> response = app.post("/webhooks/stripe", payload,
                json(StripeSigning.header(payload, "whsec_attacker")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no valid signature for any configured secret");
        assertNotStored(id);
    }

    @Test
    void badInput_getsItsStatusAndStoresNothing() throws Exception {
        String id = "evt_bad_" + UUID.randomUUID().toString().replace("-", "");
        String payload = subscriptionEvent(id);
        String signature = StripeSigning.header(payload, TestApp.SECRET);

        HttpResponse<String> missingHeader = app.post("/webhooks/stripe", payload, Map.of("Content-Type", "application/json"));
        assertThat(missingHeader.statusCode()).isEqualTo(400);
        assertThat(missingHeader.body()).contains("missing Stripe-Signature header");

        HttpResponse<String> wrongType = app.post("/webhooks/stripe", payload,
                Map.of("Content-Type", "text/plain", "Stripe-Signature", signature));
        assertThat(wrongType.statusCode()).isEqualTo(415);

        String big = payload.replace("\"status\":\"active\"", "\"status\":\"active\",\"pad\":\"" + "x".repeat(70_000) + "\"");
        HttpResponse<String> tooBig = app.post("/webhooks/stripe", big, json(StripeSigning.header(big, TestApp.SECRET)));
        assertThat(tooBig.statusCode()).isEqualTo(413);

        String notAnEvent = "{\"id\":\"" + id + "\",\"object\":\"customer\"}";
        HttpResponse<String> wrongObject = app.post("/webhooks/stripe", notAnEvent,
                json(StripeSigning.header(notAnEvent, TestApp.SECRET)));
        assertThat(wrongObject.statusCode()).isEqualTo(400);
        assertThat(wrongObject.body()).contains("not a Stripe event");

        HttpResponse<String> get = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(app.url("/webhooks/stripe"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);

        assertNotStored(id);
    }

    @Test
    void ignoredEventType_isStoredButStartsNoRun() throws Exception {
        String id = "evt_charge_" + UUID.randomUUID().toString().replace("-", "");
        String payload = "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"charge.succeeded\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\"}}}";

        HttpResponse<String> response = app.postSignedEvent(payload);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ignored\":true");
        assertThat(jdbiLong("SELECT count(*) FROM stripe_events WHERE event_id = :p AND ignored", id)).isEqualTo(1);
        // The outbox passes ignored events too (a receipt might have created a run for one); it starts none.
        Eventually.await(Duration.ofSeconds(10), "the outbox passing " + id,
                () -> jdbiLong("SELECT count(*) FROM stripe_events WHERE event_id = :p AND dispatched IS NOT NULL", id) == 1);
        assertThatThrownBy(() -> describe(id)).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    static String subscriptionEvent(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"customer.subscription.created\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"sub_" + id.substring(4) + "\",\"object\":\"subscription\","
                + "\"customer\":\"cus_test\",\"status\":\"active\"}}}";
    }

    private static Map<String, String> json(String signature) {
        return Map.of("Content-Type", "application/json", "Stripe-Signature", signature);
    }

    private DescribeWorkflowExecutionResponse describe(String eventId) {
        WorkflowClient client = WorkflowClient.newInstance(temporal);
        WorkflowStub stub = client.newUntypedWorkflowStub(WorkflowIds.forEvent(eventId));
        return temporal.blockingStub().describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default").setExecution(stub.getExecution() == null
                                ? io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                        .setWorkflowId(WorkflowIds.forEvent(eventId)).build()
                                : stub.getExecution()).build());
    }

    private static void assertNotStored(String id) {
        assertThat(jdbiLong("SELECT count(*) FROM stripe_events WHERE event_id = :p", id)).isZero();
    }

    private static void deleteEvent(String id) {
        jdbi.useHandle(h -> h.execute("DELETE FROM stripe_events WHERE event_id = ?", id));
    }

    private static long jdbiLong(String sql, String param) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("p", param).mapTo(Long.class).one());
    }

    private static String jdbiString(String sql, String param) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("p", param).mapTo(String.class).one());
    }
}
