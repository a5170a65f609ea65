package io.accessproof.server.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code proving.probe: RECEIPT} there is no probe: the app's processed receipt is the proof. */
class ReceiptOnlyModeIntegrationTest {

    @Test
    void noProbeConfigured_processedReceiptProvesTheRun_missingReceiptEndsInIncident() throws Exception {
        try (DevStack stack = DevStack.withReceipts(
                ConfigOverride.config("proving.probe", "RECEIPT"),
                ConfigOverride.config("proving.defaultDeadline", "3s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "500ms"))) {
            String paying = stack.newCustomer();
            String silent = stack.newCustomer();
            stack.demoFault(silent, "drop");
            stack.subscribe(paying, "pro_monthly");
            stack.subscribe(silent, "pro_monthly");

            Map<String, Object> proven = Eventually.await(Duration.ofSeconds(30), "a proven run of " + paying,
                    () -> stack.jdbi().withHandle(h -> h.createQuery("SELECT state, proof_source FROM runs "
                                    + "WHERE customer_id = :c AND state = 'proven' LIMIT 1")
                            .bind("c", paying).mapToMap().findOne().orElse(null)));
            // The subscription's newest run and its entitlement summary's run may each raise one.
            List<String> reasons = Eventually.await(Duration.ofSeconds(30), "an incident for " + silent,
                    () -> {
                        List<String> found = stack.jdbi().withHandle(h -> h.createQuery(
                                "SELECT reason_code FROM incidents WHERE customer_id = :c").bind("c", silent)
                                .mapTo(String.class).list());
                        return found.isEmpty() ? null : found;
                    });

            assertThat(proven.get("proof_source")).isEqualTo("receipt");
            assertThat(reasons).containsOnly("no_receipt");
        }
    }

    /** A restarted run gets the receipts stored for its event, so a retry cannot turn a proof into an incident. */
    @Test
    void retriedRun_getsItsStoredReceipt_andIsProvenAgainWithoutANewOne() throws Exception {
        try (DevStack stack = DevStack.withReceipts(
                ConfigOverride.config("proving.probe", "RECEIPT"),
                ConfigOverride.config("proving.defaultDeadline", "3s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "500ms"))) {
            String customer = stack.newCustomer();
            stack.subscribe(customer, "pro_monthly");
            String eventId = Eventually.await(Duration.ofSeconds(30), "a proven subscription run",
                    () -> stack.jdbi().withHandle(h -> h.createQuery("SELECT r.event_id FROM runs r JOIN stripe_events e "
                                    + "USING (event_id) WHERE r.customer_id = :c AND r.state = 'proven' "
                                    + "AND e.type = 'customer.subscription.created'")
                            .bind("c", customer).mapTo(String.class).findOne().orElse(null)));
            stack.demoFault(customer, "drop"); // the app sends no new receipt from now on

            HttpResponse<String> retry = stack.app().post("/api/runs/" + eventId + "/retry", "{}", Map.of(
                    "Authorization", "Bearer " + TestApp.API_TOKEN, "Content-Type", "application/json"));
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
            assertThat(retry.body()).contains("restarted");

            Eventually.await(Duration.ofSeconds(30), "the restarted run proven again", () -> stack.jdbi().withHandle(h ->
                    h.createQuery("SELECT count(*) FROM run_timeline WHERE event_id = :e AND state = 'proven'")
                            .bind("e", eventId).mapTo(Long.class).one() >= 2));
            assertThat(stack.state(eventId)).isEqualTo("proven");
            long incidents = stack.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM incidents WHERE event_id = :e").bind("e", eventId).mapTo(Long.class).one());
            assertThat(incidents).isZero();
        }
    }
}
