package io.accessproof.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Subscription;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A customer on pro adds team, then cancels pro: they still pay for team. Judged by their whole standing in
 * Stripe, an app that keeps team is right (proven, no incident) and an app where the last event wins, revoking
 * everything, is wrong (one incident saying what the customer still pays for).
 */
class CustomerStandingEndToEndIntegrationTest {
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines(
                ConfigOverride.config("proving.deadlines.customer\\.subscription\\.deleted", "2s"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void cancellingProWhileTeamIsPaid_anAppThatKeepsTeam_isProvenWithoutIncident() throws Exception {
        String customer = stack.newCustomer();
        String deleted = cancelProKeepingTeam(customer);

        Map<String, List<String>> settled = stack.awaitSettled(customer);

        assertThat(stack.state(deleted)).isEqualTo("proven");
        assertThat(settled).doesNotContainKey("incident");
        assertThat(incidents(customer)).isEmpty();
    }

    @Test
    void cancellingProWhileTeamIsPaid_anAppWhereTheLastEventWins_oneIncidentNamingTeam() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "last_event_wins");
        String deleted = cancelProKeepingTeam(customer);

        Eventually.await(Duration.ofSeconds(30), "the cancellation's run in incident",
                () -> "incident".equals(stack.state(deleted)) ? "incident" : null);
        stack.awaitSettled(customer);

        List<Map<String, Object>> open = incidents(customer);
        assertThat(open).as("one broken customer, one incident").hasSize(1);
        assertThat(open.get(0)).containsEntry("kind", "access_not_granted").containsEntry("event_id", deleted);
        assertThat((String) open.get(0).get("title"))
                .startsWith("Customer access was removed although the customer still pays for team");
    }

    /** Subscribes to pro, then team, waits for both to be proven, cancels pro; the cancellation's event id. */
    private static String cancelProKeepingTeam(String customer) throws Exception {
        Subscription pro = stack.subscribe(customer, "pro_monthly");
        stack.subscribe(customer, "team_monthly");
        stack.awaitSettled(customer);
        stack.stripe().subscriptions().cancel(pro.getId());
        return Eventually.await(Duration.ofSeconds(20), "the cancellation's run", () -> stack.jdbi().withHandle(h -> h
                .createQuery("SELECT event_id FROM runs r JOIN stripe_events e USING (event_id) WHERE e.type = "
                        + "'customer.subscription.deleted' AND e.subscription_id = :s")
                .bind("s", pro.getId()).mapTo(String.class).findOne().orElse(null)));
    }

    private static List<Map<String, Object>> incidents(String customer) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id, kind, title FROM incidents "
                + "WHERE customer_id = :c AND resolved_at IS NULL").bind("c", customer).mapToMap().list());
    }
}
