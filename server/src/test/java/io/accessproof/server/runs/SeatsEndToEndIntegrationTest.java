package io.accessproof.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.DevStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer pays for 10 seats of team. The app that grants 10 is proven; the app that grants one seat whatever
 * was paid for gets one seats_mismatch incident with both numbers in its evidence.
 */
class SeatsEndToEndIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void tenSeatsPaid_tenGranted_provenWithoutIncident() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "team_monthly", 10);

        Map<String, List<String>> settled = stack.awaitSettled(customer);

        assertThat(settled).containsKey("proven").doesNotContainKey("incident");
    }

    @Test
    void tenSeatsPaid_oneGranted_oneSeatsMismatchIncidentWithBothNumbers() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "one_seat");
        stack.subscribe(customer, "team_monthly", 10);
        stack.awaitSettled(customer);

        List<Map<String, Object>> open = stack.jdbi().withHandle(h -> h.createQuery("SELECT kind, title, "
                + "evidence::text AS evidence FROM incidents WHERE customer_id = :c AND resolved_at IS NULL")
                .bind("c", customer).mapToMap().list());

        assertThat(open).hasSize(1);
        assertThat(open.get(0)).containsEntry("kind", "seats_mismatch");
        assertThat((String) open.get(0).get("title")).startsWith("Customer has another number of seats than paid for (10)");
        JsonNode evidence = JSON.readTree((String) open.get(0).get("evidence"));
        assertThat(evidence.path("expected_seats").asInt()).isEqualTo(10);
        assertThat(evidence.path("observed_seats").asInt()).isEqualTo(1);
        assertThat(evidence.path("expected_plan").asText()).isEqualTo("team");
        assertThat(evidence.path("observed_plan").asText()).isEqualTo("team");
    }
}
