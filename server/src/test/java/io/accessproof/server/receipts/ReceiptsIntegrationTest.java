package io.accessproof.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.Event;
import com.stripe.param.EventListParams;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.StripeSigning;
import io.accessproof.server.support.TestApp;
import io.accessproof.workflows.WorkflowIds;
import io.dropwizard.testing.ConfigOverride;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /receipts} over HTTP in the dev stack: the demo app sends its receipts as a real app would,
 * and tests send their own, signed like the app's.
 */
class ReceiptsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withReceipts(
                ConfigOverride.config("proving.defaultDeadline", "3s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "500ms"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void unsignedOrWronglySignedReceipt_401AndNothingRecorded() throws Exception {
        String body = receipt("evt_unsigned_1", "rcpt_unsigned_1", "processed", null);

        HttpResponse<String> unsigned = stack.app().post("/receipts", body, Map.of("Content-Type", "application/json"));
        HttpResponse<String> wrong = stack.app().post("/receipts", body, Map.of("Content-Type", "application/json",
                "Accessproof-Signature", StripeSigning.header(body, "arsec_someone_else")));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("missing Accessproof-Signature header");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("no valid signature");
        assertThat(receiptRows("evt_unsigned_1")).isZero();
        assertThat(runState("evt_unsigned_1")).isNull();
    }

    @Test
    void staleSignature_401() throws Exception {
        String body = receipt("evt_stale_1", "rcpt_stale_1", "processed", null);
        long anHourAgo = System.currentTimeMillis() / 1000 - 3600;

        HttpResponse<String> stale = stack.app().post("/receipts", body, Map.of("Content-Type", "application/json",
                "Accessproof-Signature", StripeSigning.header(body, anHourAgo, TestApp.RECEIPT_SECRET)));

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("timestamp outside tolerance");
    }

    @Test
    void malformedReceipt_422NamingTheField() throws Exception {
        HttpResponse<String> badStatus = send(receipt("evt_bad_1", "rcpt_bad_1", "done", null));
        HttpResponse<String> noEvent = send("{\"receipt_id\":\"rcpt_bad_2\",\"status\":\"processed\"}");
        HttpResponse<String> failedWithoutReason = send(receipt("evt_bad_3", "rcpt_bad_3", "failed", null));
        HttpResponse<String> notJson = send("status=processed");

        assertThat(badStatus.statusCode()).isEqualTo(422);
        assertThat(error(badStatus)).isEqualTo("status must be \"processed\" or \"failed\"");
        assertThat(noEvent.statusCode()).isEqualTo(422);
        assertThat(error(noEvent)).isEqualTo("event_id is required");
        assertThat(failedWithoutReason.statusCode()).isEqualTo(422);
        assertThat(error(failedWithoutReason)).contains("reason_code is required");
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(receiptRows("evt_bad_1") + receiptRows("evt_bad_3")).isZero();
    }

    @Test
    void receiptNamingAnotherCustomer_409AndRunUnchanged() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "pro_monthly");
        String eventId = awaitEvent(customer, "proving");

        HttpResponse<String> answer = send(receipt(eventId, "rcpt_other_customer", "processed", "cus_someone_else"));

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(error(answer)).contains("cus_someone_else").contains(customer);
        assertThat(receiptRows(eventId)).isZero();
    }

    @Test
    void sameReceiptThreeTimes_oneRecordSameAnswer() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "pro_monthly");
        String eventId = awaitEvent(customer, "proving");
        String body = receipt(eventId, "rcpt_thrice", "processed", customer);

        JsonNode first = JSON.readTree(send(body).body());
        HttpResponse<String> second = send(body);
        HttpResponse<String> third = send(body);

        assertThat(first.path("duplicate").asBoolean()).isFalse();
        for (HttpResponse<String> again : java.util.List.of(second, third)) {
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).path("duplicate").asBoolean()).isTrue();
            assertThat(JSON.readTree(again.body()).path("receipt_id").asText()).isEqualTo("rcpt_thrice");
        }
        assertThat(receiptRows(eventId)).isEqualTo(1);
        // The run writes the receipt to its timeline from its own thread, at its next step.
        String notes = Eventually.await(Duration.ofSeconds(20), "the receipt in the timeline of " + eventId,
                () -> timelineNotes(eventId).contains("receipt rcpt_thrice processed") ? timelineNotes(eventId) : null);
        assertThat(notes).containsOnlyOnce("receipt rcpt_thrice processed");
    }

    @Test
    void receiptsSideEffectReferences_stayInPostgresql_neverInWorkflowHistory() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "pro_monthly");
        String eventId = awaitEvent(customer, "proving");
        String body = "{\"event_id\":\"" + eventId + "\",\"receipt_id\":\"rcpt_refs\",\"status\":\"processed\","
                + "\"customer_id\":\"" + customer + "\",\"side_effect_refs\":{\"grant\":\"grant_ref_private_77\"}}";

        assertThat(send(body).statusCode()).isEqualTo(200);

        String stored = stack.jdbi().withHandle(h -> h.createQuery(
                "SELECT side_effect_refs::text FROM receipts WHERE receipt_id = 'rcpt_refs'").mapTo(String.class).one());
        assertThat(stored).contains("grant_ref_private_77");
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(stack.app().config().temporal.effectiveTarget()).build());
        try {
            StringBuilder history = new StringBuilder();
            WorkflowClient.newInstance(service).fetchHistory(WorkflowIds.forEvent(eventId)).getEvents()
                    .forEach(event -> history.append(event.toString()));
            assertThat(history.toString()).as("the receipt reached the run").contains("rcpt_refs")
                    .doesNotContain("grant_ref_private_77");
        } finally {
            service.shutdown();
        }
    }

    @Test
    void appReportsFailure_incidentAtOnceWithReasonCode() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "receipt_failed");
        stack.subscribe(customer, "pro_monthly");

        String eventId = awaitEvent(customer, "incident");

        JsonNode incident = incidentOf(eventId);
        assertThat(incident.path("kind").asText()).isEqualTo("receipt_failed");
        assertThat(incident.path("reason_code").asText()).isEqualTo("entitlement_service_down");
        assertThat(incident.path("title").asText()).startsWith("App reported failure applying Stripe event");
        assertThat(receiptRows(eventId)).isEqualTo(1);
    }

    @Test
    void appClaimsSuccessButAccessUnchanged_lyingReceiptIncident() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "lie");
        stack.subscribe(customer, "team_monthly");

        String eventId = awaitEvent(customer, "incident");

        JsonNode incident = incidentOf(eventId);
        assertThat(incident.path("kind").asText()).isEqualTo("receipt_contradicted");
        assertThat(incident.path("title").asText())
                .startsWith("App reported success but customer access did not change");
    }

    @Test
    void receiptBeforeEvent_runWaitsThenClosesWhenEventArrives() throws Exception {
        String customer = stack.newCustomer();
        postJson(stack.emulator().baseUrl() + "/_emulator/faults", "{\"drop_rate\":1}");
        String eventId;
        try {
            stack.subscribe(customer, "pro_monthly");
            eventId = Eventually.await(Duration.ofSeconds(10), "the emulator's event for " + customer,
                    () -> createdEventOf(customer));
        } finally {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.emulator().baseUrl()
                    + "/_emulator/faults")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }

        HttpResponse<String> early = send(receipt(eventId, "rcpt_early", "processed", customer));

        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(early.body()).path("state").asText()).isEqualTo("accepted");
        assertThat(Eventually.await(Duration.ofSeconds(10), "run row of the early receipt", () -> runState(eventId)))
                .isEqualTo("accepted");

        // The demo app never heard of the event either: it applies it now, and so does accessproof.
        stack.demoFault(customer, "ok");
        String payload = rawEvent(eventId);
        assertThat(stack.app().postSignedEvent(payload).statusCode()).isEqualTo(200);
        postJson(stack.demoWebhookUrl(), payload, Map.of("Stripe-Signature", StripeSigning.header(payload, TestApp.SECRET)));

        assertThat(Eventually.await(Duration.ofSeconds(20), "run of " + eventId + " proven",
                () -> "proven".equals(runState(eventId)) ? "proven" : null)).isEqualTo("proven");
    }

    @Test
    void receiptAfterRunClosed_changesNothing() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        String eventId = awaitEvent(customer, "proven");

        HttpResponse<String> late = send(receipt(eventId, "rcpt_after_close", "failed", customer, "too_late"));

        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(late.body()).path("state").asText()).isEqualTo("proven");
        assertThat(runState(eventId)).isEqualTo("proven");
        int incidents = stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM incidents WHERE event_id = :e")
                .bind("e", eventId).mapTo(Integer.class).one());
        assertThat(incidents).isZero();
    }

    @Test
    void receiptNamingAnotherCustomerAfterTheRunClosed_stillA409_andNothingStored() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        String eventId = awaitEvent(customer, "proven");

        HttpResponse<String> other = send(receipt(eventId, "rcpt_other_after_close", "processed", "cus_someone_else"));

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("names customer cus_someone_else, the run's customer is " + customer);
        int stored = stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM receipts WHERE receipt_id = :r")
                .bind("r", "rcpt_other_after_close").mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void receiptForAnEventTypeThatStartsNoRun_recordedWithoutCreatingARun() throws Exception {
        // Sent by the test, not the emulator: the demo app would race its own receipt for the event.
        String eventId = "evt_ignored_type_1";
        long now = System.currentTimeMillis() / 1000;
        String event = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.created\","
                + "\"created\":" + now + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"cus_ignored_1\",\"object\":\"customer\"}}}";
        assertThat(stack.app().postSignedEvent(event).statusCode()).isEqualTo(200);
        String customer = "cus_ignored_1";

        HttpResponse<String> answer = send(receipt(eventId, "rcpt_ignored_type", "processed", customer));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("state").asText()).isEqualTo("not_applicable");
        int ours = stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM receipts WHERE receipt_id = "
                + "'rcpt_ignored_type' AND event_id = :e").bind("e", eventId).mapTo(Integer.class).one());
        assertThat(ours).isEqualTo(1);
        assertThat(runState(eventId)).isNull();
    }

    @Test
    void receiptBeforeAnEventOfATypeThatStartsNoRun_runClosesNotApplicableWithoutIncident() throws Exception {
        String eventId = "evt_ignored_type_2";
        String customer = "cus_ignored_2";

        HttpResponse<String> early = send(receipt(eventId, "rcpt_ignored_early", "processed", customer));
        assertThat(JSON.readTree(early.body()).path("state").asText()).isEqualTo("accepted");
        long now = System.currentTimeMillis() / 1000;
        String event = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.created\","
                + "\"created\":" + now + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"" + customer + "\",\"object\":\"customer\"}}}";
        assertThat(stack.app().postSignedEvent(event).statusCode()).isEqualTo(200);

        assertThat(Eventually.await(Duration.ofSeconds(20), "the receipt's run closing",
                () -> {
                    String state = runState(eventId);
                    return "accepted".equals(state) ? null : state;
                })).isEqualTo("not_applicable");
        assertThat(timelineNotes(eventId)).contains("events of type customer.created start no run");
        int incidents = stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM incidents WHERE event_id = :e")
                .bind("e", eventId).mapTo(Integer.class).one());
        assertThat(incidents).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String receipt(String eventId, String receiptId, String status, String customerId) {
        return receipt(eventId, receiptId, status, customerId, null);
    }

    private static String receipt(String eventId, String receiptId, String status, String customerId, String reason) {
        StringBuilder json = new StringBuilder("{\"event_id\":\"").append(eventId).append("\",\"receipt_id\":\"")
                .append(receiptId).append("\",\"status\":\"").append(status).append('"');
        if (customerId != null) {
            json.append(",\"customer_id\":\"").append(customerId).append('"');
        }
        if (reason != null) {
            json.append(",\"reason_code\":\"").append(reason).append('"');
        }
        return json.append(",\"processed_at\":\"2026-12-02T10:00:00Z\",\"deploy_sha\":\"abc123\"}").toString();
    }

    private static HttpResponse<String> send(String body) throws Exception {
        return stack.app().post("/receipts", body, Map.of("Content-Type", "application/json",
                "Accessproof-Signature", StripeSigning.header(body, TestApp.RECEIPT_SECRET)));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").asText();
    }

    /**
     * A run of the customer in that state. A subscription's creation brings several billing events, and
     * only the newest run of a subscription may raise an incident, so the test does not pick the type.
     */
    private static String awaitEvent(String customer, String state) throws Exception {
        return Eventually.await(Duration.ofSeconds(30), "a run of " + customer + " in " + state,
                () -> stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM runs "
                                + "WHERE customer_id = :c AND state = :s ORDER BY event_id LIMIT 1")
                        .bind("c", customer).bind("s", state).mapTo(String.class).findOne().orElse(null)));
    }

    private static String runState(String eventId) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT state FROM runs WHERE event_id = :e")
                .bind("e", eventId).mapTo(String.class).findOne().orElse(null));
    }

    private static int receiptRows(String eventId) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM receipts WHERE event_id = :e")
                .bind("e", eventId).mapTo(Integer.class).one());
    }

    private static String timelineNotes(String eventId) {
        java.util.List<String> notes = stack.jdbi().withHandle(h -> h.createQuery(
                "SELECT note FROM run_timeline WHERE event_id = :e ORDER BY step").bind("e", eventId)
                .mapTo(String.class).list());
        return String.join("\n", notes);
    }

    private static JsonNode incidentOf(String eventId) throws Exception {
        String json = stack.jdbi().withHandle(h -> h.createQuery("SELECT json_build_object('kind', kind, 'title', "
                        + "title, 'reason_code', reason_code)::text FROM incidents WHERE event_id = :e")
                .bind("e", eventId).mapTo(String.class).one());
        return JSON.readTree(json);
    }

    private static String createdEventOf(String customer) throws Exception {
        for (Event event : stack.stripe().events().list(EventListParams.builder()
                .setType("customer.subscription.created").build()).getData()) {
            JsonNode object = JSON.readTree(event.getData().toJson()).path("object");
            if (customer.equals(object.path("customer").asText())) {
                return event.getId();
            }
        }
        return null;
    }

    private static String rawEvent(String eventId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.emulator().baseUrl()
                        + "/v1/events/" + eventId)).header("Authorization", "Bearer sk_test_stack").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void postJson(String url, String body) throws Exception {
        postJson(url, body, Map.of());
    }

    private static void postJson(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + " " + response.body()).isLessThan(300);
    }
}
