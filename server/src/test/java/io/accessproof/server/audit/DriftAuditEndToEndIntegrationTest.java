package io.accessproof.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerListParams;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.StripeSigning;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * "How many of my customers are broken right now?" Four customers in the dev stack: one the app serves right,
 * one who paid and never got access, one who cancelled and kept access, one with no subscription. The audit
 * names exactly the two wrong ones, opens incidents only when it is not a dry run (resolving them once the
 * app is fixed), and resumes from its cursor when its workflow was lost. In order: each audit sees the last's
 * world.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftAuditEndToEndIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DevStack stack;
    private static String right;
    private static String paidNoAccess;
    private static String accessNotPaid;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines(ConfigOverride.config("audit.resumeEvery", "1s"),
                ConfigOverride.config("proving.deadlines.customer\\.subscription\\.deleted", "2s"));
        right = stack.newCustomer();
        stack.subscribe(right, "pro_monthly");
        paidNoAccess = stack.newCustomer();
        stack.demoFault(paidNoAccess, "drop");
        stack.subscribe(paidNoAccess, "team_monthly");
        accessNotPaid = stack.newCustomer();
        Subscription kept = stack.subscribe(accessNotPaid, "pro_monthly");
        stack.awaitSettled(accessNotPaid);
        stack.demoFault(accessNotPaid, "drop");
        stack.stripe().subscriptions().cancel(kept.getId());
        stack.newCustomer(); // no subscription: nothing to assert
        for (String customer : List.of(right, paidNoAccess, accessNotPaid)) {
            stack.awaitSettled(customer);
        }
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    @Order(1)
    void dryRun_namesExactlyTheWrongCustomers_andOpensNoIncident() throws Exception {
        CliRunner.Result result = cli("audit", "--json");

        JsonNode audit = JSON.readTree(result.stdout());
        assertThat(result.exitCode()).as("wrong customers found").isEqualTo(1);
        assertThat(audit.path("status").asText()).isEqualTo("done");
        assertThat(audit.path("dry_run").asBoolean()).isTrue();
        assertThat(audit.path("customers").asInt()).as("every customer in Stripe, the emulator's seeded ones too")
                .isEqualTo(stack.stripe().customers().list(CustomerListParams.builder().setLimit(100L).build())
                        .getData().size());
        JsonNode counts = audit.path("counts");
        assertThat(counts.path("audited").asInt()).isEqualTo(3);
        assertThat(counts.path("right").asInt()).isEqualTo(1);
        assertThat(counts.path("paid_no_access").asInt()).isEqualTo(1);
        assertThat(counts.path("access_not_paid").asInt()).isEqualTo(1);
        assertThat(audit.path("wrong").findValuesAsText("customer_id"))
                .containsExactlyInAnyOrder(paidNoAccess, accessNotPaid);
        assertThat(driftIncidents(audit.path("audit_id").asText())).isEmpty();
    }

    @Test
    @Order(2)
    void notADryRun_oneDriftIncidentPerWrongCustomer_inOneGroup_resolvedOnceTheAppIsFixed() throws Exception {
        CliRunner.Result result = cli("audit", "--no-dry-run");
        String auditId = stack.jdbi().withHandle(h -> h.createQuery("SELECT audit_id FROM audits WHERE NOT dry_run "
                + "ORDER BY started_at DESC LIMIT 1").mapTo(String.class).one());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("paid, no access").contains(paidNoAccess).contains(accessNotPaid);
        List<Map<String, Object>> drift = driftIncidents(auditId);
        assertThat(drift).extracting(i -> i.get("customer_id")).containsExactlyInAnyOrder(paidNoAccess, accessNotPaid);
        assertThat(drift).extracting(i -> i.get("group_key")).containsOnly(drift.get(0).get("group_key"));
        assertThat(drift).extracting(i -> (String) i.get("title")).anySatisfy(title -> assertThat(title)
                .startsWith("Customer access drifted from Stripe: " + paidNoAccess + " pays for team"));

        fixTheAppFor(accessNotPaid);
        cli("audit", "--no-dry-run");

        String resolvedHow = stack.jdbi().withHandle(h -> h.createQuery("SELECT resolved_how FROM incidents "
                + "WHERE event_id = :e").bind("e", "drift-" + accessNotPaid).mapTo(String.class).one());
        assertThat(resolvedHow).isEqualTo("audit");
        int stillOpen = stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM incidents WHERE event_id = :e "
                + "AND resolved_at IS NULL").bind("e", "drift-" + paidNoAccess).mapTo(Integer.class).one());
        assertThat(stillOpen).as("still wrong, still open").isEqualTo(1);
    }

    @Test
    @Order(3)
    void anAuditWhoseWorkflowWasLost_resumesFromItsCursor() throws Exception {
        List<String> newestFirst = stack.stripe().customers().list(CustomerListParams.builder().setLimit(100L).build())
                .getData()
                .stream().map(Customer::getId).toList();
        stack.jdbi().useHandle(h -> h.execute("INSERT INTO audits (audit_id, dry_run, cursor) VALUES "
                + "('aud_lost', true, ?)", newestFirst.get(1)));

        JsonNode audit = Eventually.await(Duration.ofSeconds(20), "the lost audit resumed and done", () -> {
            HttpResponse<String> answer = stack.app().get(stack.app().url("/api/audits/aud_lost"), TestApp.API_TOKEN);
            JsonNode body = JSON.readTree(answer.body());
            return "done".equals(body.path("status").asText()) ? body : null;
        });

        assertThat(audit.path("customers").asInt()).as("only the customers after the cursor")
                .isEqualTo(newestFirst.size() - 2);
        HttpResponse<String> cancel = stack.app().post("/api/audits/aud_lost/cancel", "",
                Map.of("Authorization", "Bearer " + TestApp.API_TOKEN));
        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat(cancel.body()).contains("is done, not running");
    }

    /** The cancellation the demo app dropped, delivered to it again with its fault cleared. */
    private static void fixTheAppFor(String customer) throws Exception {
        stack.demoFault(customer, "ok");
        String eventId = stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM stripe_events WHERE "
                + "customer_id = :c AND type = 'customer.subscription.deleted'").bind("c", customer)
                .mapTo(String.class).one());
        String payload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.emulator().baseUrl()
                        + "/v1/events/" + eventId)).header("Authorization", "Bearer sk_test_stack").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> applied = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.demoWebhookUrl())).header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeSigning.header(payload, TestApp.SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }

    private static CliRunner.Result cli(String... args) throws Exception {
        return CliRunner.run(Map.of("ACCESSPROOF_URL", stack.app().url(""), "ACCESSPROOF_API_TOKEN",
                TestApp.API_TOKEN), args);
    }

    /** The drift incidents an audit opened: their reason code names it. */
    private static List<Map<String, Object>> driftIncidents(String auditId) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT customer_id, group_key, title FROM incidents "
                + "WHERE kind = 'drift' AND reason_code = :r").bind("r", "audit:" + auditId).mapToMap().list());
    }
}
