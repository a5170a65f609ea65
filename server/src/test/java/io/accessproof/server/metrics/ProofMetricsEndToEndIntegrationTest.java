package io.accessproof.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A run proven in the dev stack shows in the Prometheus scrape: its verdict, and its time to proof. */
class ProofMetricsEndToEndIntegrationTest {
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aProvenRun_isCountedByOutcome_andItsTimeToProofObservedByEventType() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");

        String scrape = Eventually.await(Duration.ofSeconds(30), "a proven subscription creation in the scrape", () -> {
            String body = stack.app().get(stack.app().adminUrl("/metrics")).body();
            return body.contains("accessproof_time_to_proof_seconds_count{event_type=\"customer.subscription.created\"}")
                    ? body : null;
        });

        assertThat(scrape).containsPattern("(?m)^accessproof_verdicts_total\\{outcome=\"proven\"} [1-9]")
                .contains("# TYPE accessproof_time_to_proof_seconds histogram")
                .containsPattern("(?m)^accessproof_time_to_proof_seconds_bucket\\{event_type=\"customer.subscription.created\",le=\"");
    }

    @Test
    void anIncident_isCountedByKind() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "team_monthly");

        // The incident is opened, then the run records its verdict: the scrape shows both once both are written.
        String scrape = Eventually.await(Duration.ofSeconds(30), "an access_not_granted incident in the scrape", () -> {
            String body = stack.app().get(stack.app().adminUrl("/metrics")).body();
            return body.contains("accessproof_incidents_opened_total{kind=\"access_not_granted\"}")
                    && body.contains("accessproof_verdicts_total{outcome=\"incident\"}") ? body : null;
        });

        assertThat(scrape).containsPattern("(?m)^accessproof_incidents_opened_total\\{kind=\"access_not_granted\"} [1-9]")
                .containsPattern("(?m)^accessproof_verdicts_total\\{outcome=\"incident\"} [1-9]");
    }
}
