package io.accessproof.activities.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer is judged by all their subscriptions: the rules of {@link CustomerStanding}. */
class CustomerStandingTest {
    private static final PlanOrder ORDER = new PlanOrder(List.of("free", "pro", "team"));

    @Test
    void cancellingOneOfTwo_stillPaysForTheOther_expectsItsPlanNotNoAccess() {
        Expectation e = standing("sub_pro", sub("sub_pro", "canceled", "pro"), sub("sub_team", "active", "team"));

        assertThat(e.change()).isEqualTo(AccessChange.GRANT);
        assertThat(e.access()).isTrue();
        assertThat(e.plan()).isEqualTo("team");
        assertThat(e.subscriptionId()).as("the run stays the event's").isEqualTo("sub_pro");
        assertThat(e.stripeStatus()).isEqualTo("canceled");
        assertThat(e.reason()).isEqualTo("subscription sub_pro is canceled, but the customer still pays for team "
                + "(sub_team): access on plan team");
    }

    @Test
    void payingForTwo_theHighestPlanByTheConfiguredOrder() {
        Expectation e = standing("sub_team", sub("sub_pro", "active", "pro"), sub("sub_team", "trialing", "team"));
        Expectation lowerOwn = standing("sub_pro", sub("sub_pro", "active", "pro"), sub("sub_team", "trialing", "team"));

        assertThat(e.plan()).isEqualTo("team");
        assertThat(lowerOwn.plan()).as("not the event's own plan: the higher one").isEqualTo("team");
        assertThat(lowerOwn.reason()).startsWith("the customer pays for 2 subscriptions");
    }

    @Test
    void withoutAnOrder_theEventsOwnPlanWinsAmongEquals() {
        Expectation e = CustomerStanding.of("sub_a", List.of(sub("sub_b", "active", "gold"), sub("sub_a", "active",
                "silver")), List.of(), PlanOrder.none(), PastDuePolicy.KEEP_ACCESS).orElseThrow();

        assertThat(e.plan()).isEqualTo("silver");
    }

    @Test
    void nobodyPays_theEventsOwnVerdictStands() {
        Expectation e = standing("sub_pro", sub("sub_pro", "canceled", "pro"), sub("sub_old", "incomplete_expired", "team"));
        Expectation alone = standing("sub_pro", sub("sub_pro", "active", "pro"));

        assertThat(e.change()).isEqualTo(AccessChange.REVOKE);
        assertThat(e.access()).isFalse();
        assertThat(alone.reason()).isEqualTo("subscription active on plan pro");
    }

    @Test
    void theEventsSubscriptionNotAmongTheCustomers_noStanding() {
        assertThat(CustomerStanding.of("sub_x", List.of(sub("sub_pro", "active", "pro")), List.of(), ORDER,
                PastDuePolicy.KEEP_ACCESS)).isEmpty();
    }

    private static Expectation standing(String own, MirroredSubscription... subs) {
        return CustomerStanding.of(own, List.of(subs), List.of(), ORDER, PastDuePolicy.KEEP_ACCESS).orElseThrow();
    }

    private static MirroredSubscription sub(String id, String status, String plan) {
        return new MirroredSubscription(id, "cus_1", null, status, plan, "price_" + plan, plan + "_monthly",
                Instant.EPOCH, Instant.EPOCH, "{}", null);
    }
}
