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
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "How many of my customers are broken right now?" Four customers in the dev stack: one the app serves right,
 * one who paid and never got access, one who cancelled and kept access, one with no subscription. The audit
 * names exactly the two wrong ones, opens incidents only when it is not a dry run, and resumes from its
 * cursor when its workflow was lost.
 */
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
    void notADryRun_oneDriftIncidentPerWrongCustomer_inOneGroup() throws Exception {
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
    }

    @Test
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
