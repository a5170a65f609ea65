package io.accessproof.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.StripeSigning;
import io.accessproof.server.support.TemporalProbe;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.accessproof.workflows.WorkflowIds;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receipt apps over HTTP, as test.yml configures them: {@code billing} (subscription and invoice events
 * only), {@code crm} (customer {@code cus_crm_only} only), {@code announcer} (may open runs for unseen
 * events, one now and then), {@code capped} (one receipt at most waiting for its event), and the flat
 * secret as {@code default}. Events are the test's own, so that no app races it.
 */
class ReceiptAppsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BILLING = "arsec_billing_0123456789abcdef";
    private static final String CRM = "arsec_crm_0123456789abcdefghij";
    private static final String ANNOUNCER = "arsec_announcer_0123456789abcdef";
    private static final String CAPPED = "arsec_capped_0123456789abcdef";

    private static TestApp app;
    private static Jdbi jdbi;
    private static TemporalProbe temporal;

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        app = TestApp.start(db);
        jdbi = TestApp.jdbi(db);
        temporal = new TemporalProbe(app.config().temporal.effectiveTarget());
    }

    @AfterAll
    static void stop() {
        temporal.close();
        app.close();
    }

    @Test
    void anAppSpeaksOnlyForItsEventTypesAndCustomers() throws Exception {
        postEvent(subscriptionCreated("evt_apps_1", "cus_apps_1"));
        postEvent(customerCreated("evt_apps_2", "cus_apps_2"));
        postEvent(subscriptionCreated("evt_apps_3", "cus_crm_only"));

        HttpResponse<String> billing = send(BILLING, receipt("evt_apps_1", "rcpt_1", "cus_apps_1"));
        HttpResponse<String> crmForAnother = send(CRM, receipt("evt_apps_1", "rcpt_2", "cus_apps_1"));
        HttpResponse<String> billingForACustomerEvent = send(BILLING, receipt("evt_apps_2", "rcpt_3", "cus_apps_2"));
        HttpResponse<String> crmForItsOwn = send(CRM, receipt("evt_apps_3", "rcpt_4", "cus_crm_only"));

        assertThat(billing.statusCode()).as(billing.body()).isEqualTo(200);
        assertThat(crmForAnother.statusCode()).isEqualTo(403);
        assertThat(error(crmForAnother)).isEqualTo("app crm may not send receipts for customer cus_apps_1");
        assertThat(billingForACustomerEvent.statusCode()).isEqualTo(403);
        assertThat(error(billingForACustomerEvent))
                .isEqualTo("app billing may not send receipts for events of type customer.created");
        assertThat(crmForItsOwn.statusCode()).as(crmForItsOwn.body()).isEqualTo(200);
        assertThat(appsOfReceipts("evt_apps_1")).containsExactly("billing");
        assertThat(appsOfReceipts("evt_apps_2")).isEmpty();
    }

    @Test
    void theSameReceiptIdFromTwoApps_twoReceipts_neitherADuplicate() throws Exception {
        postEvent(subscriptionCreated("evt_apps_4", "cus_apps_4"));
        String body = receipt("evt_apps_4", "rcpt_shared", "cus_apps_4");

        JsonNode fromDefault = JSON.readTree(send(TestApp.RECEIPT_SECRET, body).body());
        JsonNode fromBilling = JSON.readTree(send(BILLING, body).body());
        JsonNode billingAgain = JSON.readTree(send(BILLING, body).body());

        assertThat(fromDefault.path("duplicate").asBoolean()).as(fromDefault.toString()).isFalse();
        assertThat(fromBilling.path("duplicate").asBoolean()).as(fromBilling.toString()).isFalse();
        assertThat(billingAgain.path("duplicate").asBoolean()).isTrue();
        assertThat(appsOfReceipts("evt_apps_4")).containsExactly("billing", "default");
        String history = history("evt_apps_4");
        assertThat(history).contains("billing/rcpt_shared");
        assertThat(history.replace("billing/rcpt_shared", "")).as("the default app's receipt").contains("rcpt_shared");
    }

    @Test
    void receiptBeforeItsEvent_fromAnAppThatMayNotPreAnnounce_opensNoRun_andReachesTheRunWhenTheEventComes()
            throws Exception {
        HttpResponse<String> early = send(BILLING, receipt("evt_apps_5", "rcpt_early", "cus_apps_5"));

        assertThat(early.statusCode()).as(early.body()).isEqualTo(202);
        assertThat(JSON.readTree(early.body()).path("state").asText()).isEqualTo("awaiting_event");
        assertThat(temporal.runExists("evt_apps_5")).isFalse();
        assertThat(appsOfReceipts("evt_apps_5")).containsExactly("billing");

        postEvent(subscriptionCreated("evt_apps_5", "cus_apps_5"));

        Eventually.await(Duration.ofSeconds(20), "the early receipt handed to the event's run",
                () -> temporal.runExists("evt_apps_5") && history("evt_apps_5").contains("billing/rcpt_early") ? "" : null);
    }

    @Test
    void anAppThatMayPreAnnounce_opensRunsForUnseenEvents_atItsRateOnly() throws Exception {
        HttpResponse<String> first = send(ANNOUNCER, receipt("evt_apps_6", "rcpt_a1", "cus_apps_6"));
        HttpResponse<String> second = send(ANNOUNCER, receipt("evt_apps_7", "rcpt_a2", "cus_apps_7"));
        HttpResponse<String> firstAgain = send(ANNOUNCER, receipt("evt_apps_6", "rcpt_a1", "cus_apps_6"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("state").asText()).isEqualTo("accepted");
        assertThat(temporal.runExists("evt_apps_6")).isTrue();
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(error(second)).startsWith("app announcer sends receipts for events accessproof has not received "
                + "faster than");
        assertThat(temporal.runExists("evt_apps_7")).isFalse();
        assertThat(appsOfReceipts("evt_apps_7")).isEmpty();
        assertThat(firstAgain.statusCode()).as("a retry of a receipt taken is never rate limited").isEqualTo(200);
        assertThat(JSON.readTree(firstAgain.body()).path("duplicate").asBoolean()).isTrue();
    }

    @Test
    void receiptsWaitingForTheirEvents_cappedPerApp_otherReceiptsStillTaken() throws Exception {
        postEvent(subscriptionCreated("evt_apps_10", "cus_apps_10"));
        String waiting = receipt("evt_apps_8", "rcpt_c1", "cus_apps_8");

        HttpResponse<String> first = send(CAPPED, waiting);
        HttpResponse<String> again = send(CAPPED, waiting);
        HttpResponse<String> pastTheCap = send(CAPPED, receipt("evt_apps_9", "rcpt_c2", "cus_apps_9"));
        HttpResponse<String> forAStoredEvent = send(CAPPED, receipt("evt_apps_10", "rcpt_c3", "cus_apps_10"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).path("duplicate").asBoolean()).isTrue();
        assertThat(pastTheCap.statusCode()).isEqualTo(429);
        assertThat(error(pastTheCap)).isEqualTo("app capped has 1 receipts waiting for Stripe events accessproof has "
                + "not received (maxUnseen 1); retry later");
        assertThat(appsOfReceipts("evt_apps_9")).isEmpty();
        assertThat(forAStoredEvent.statusCode()).as(forAStoredEvent.body()).isEqualTo(200);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String subscriptionCreated(String eventId, String customer) {
        return event(eventId, "customer.subscription.created", "{\"id\":\"sub_" + eventId.substring(4)
                + "\",\"object\":\"subscription\",\"customer\":\"" + customer + "\",\"status\":\"active\"}");
    }

    private static String customerCreated(String eventId, String customer) {
        return event(eventId, "customer.created", "{\"id\":\"" + customer + "\",\"object\":\"customer\"}");
    }

    private static String event(String eventId, String type, String object) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"" + type + "\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":" + object + "}}";
    }

    private static void postEvent(String event) throws Exception {
        HttpResponse<String> answer = app.postSignedEvent(event);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private static String receipt(String eventId, String receiptId, String customer) {
        return "{\"event_id\":\"" + eventId + "\",\"receipt_id\":\"" + receiptId + "\",\"status\":\"processed\","
                + "\"customer_id\":\"" + customer + "\"}";
    }

    private static HttpResponse<String> send(String secret, String body) throws Exception {
        return app.post("/receipts", body, Map.of("Content-Type", "application/json",
                "Accessproof-Signature", StripeSigning.header(body, secret)));
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").asText();
    }

    private static List<String> appsOfReceipts(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT app FROM receipts WHERE event_id = :e ORDER BY app")
                .bind("e", eventId).mapTo(String.class).list());
    }

    /** The run's Temporal history as text: receipts reach a run as updates or signals carrying their ids. */
    private static String history(String eventId) {
        StringBuilder text = new StringBuilder();
        temporal.client().fetchHistory(WorkflowIds.forEvent(eventId)).getEvents()
                .forEach(event -> text.append(event.toString()));
        return text.toString();
    }
}
