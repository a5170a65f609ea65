package io.accessproof.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.Subscription;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs in the dev stack: a real emulator, the demo app, PostgreSQL and Temporal's test server. */
class OutcomeEndToEndIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.start(
                ConfigOverride.config("proving.defaultDeadline", "3s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "1s"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void subscriptionPaidInTheEmulator_endsProvenThroughTheHttpProbe() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");

        awaitState(customer, "customer.subscription.created", "proven");
        JsonNode expected = json("SELECT expected FROM runs WHERE customer_id = :c AND proof_source = 'probe' LIMIT 1", customer);
        assertThat(expected.path("plan").asText()).isEqualTo("pro");
        assertThat(expected.path("access").asBoolean()).isTrue();
    }

    @Test
    void demoAppDropsTheChange_runEndsInAnIncidentWithTheEvidence() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        Subscription subscription = stack.subscribe(customer, "team_monthly");

        // The creation brings several billing events; only the newest run of the subscription raises the
        // subscription's incident (the entitlement summary, which names no subscription, may raise its own).
        Map<String, Object> incident = Eventually.await(WAIT, "an incident for " + subscription.getId(), () -> stack.jdbi()
                .withHandle(h -> h.createQuery("SELECT i.kind, i.title, i.evidence::text AS evidence, e.event_id, e.type "
                                + "FROM incidents i JOIN stripe_events e USING (event_id) "
                                + "WHERE i.customer_id = :c AND i.subscription_id = :s")
                        .bind("c", customer).bind("s", subscription.getId()).mapToMap().findOne().orElse(null)));
        assertThat(incident.get("kind")).isEqualTo("access_not_granted");
        assertThat((String) incident.get("title")).isEqualTo("Customer access did not change after Stripe event "
                + incident.get("type") + " (" + incident.get("event_id") + ")");
        JsonNode evidence = new ObjectMapper().readTree((String) incident.get("evidence"));
        assertThat(evidence.path("customer_id").asText()).isEqualTo(customer);
        assertThat(evidence.path("subscription_id").asText()).isEqualTo(subscription.getId());
        assertThat(evidence.path("expected_plan").asText()).isEqualTo("team");
        assertThat(evidence.path("observed_access").asBoolean(true)).isFalse();
        assertThat(evidence.path("retry").path("command").asText()).contains("runs retry " + incident.get("event_id"));
    }

    @Test
    void cancellation_isProvenRevoked() throws Exception {
        String customer = stack.newCustomer();
        Subscription subscription = stack.subscribe(customer, "pro_monthly");
        awaitState(customer, "customer.subscription.created", "proven");

        stack.stripe().subscriptions().cancel(subscription.getId());

        awaitState(customer, "customer.subscription.deleted", "proven");
        JsonNode expected = json("SELECT r.expected FROM runs r JOIN stripe_events e USING (event_id) "
                + "WHERE r.customer_id = :c AND e.type = 'customer.subscription.deleted'", customer);
        assertThat(expected.path("change").asText()).isEqualTo("REVOKE");
        assertThat(expected.path("access").asBoolean(true)).isFalse();
    }

    private static void awaitState(String customer, String type, String state) throws Exception {
        Eventually.await(WAIT, type + " run of " + customer + " in state " + state,
                () -> stack.runState(customer, type).filter(state::equals).isPresent());
    }

    private static JsonNode json(String sql, String customer) throws Exception {
        String text = stack.jdbi().withHandle(h -> h.createQuery(sql).bind("c", customer).mapTo(String.class).one());
        return new ObjectMapper().readTree(text);
    }
}
