package io.accessproof.activities.reconcile;

import static io.accessproof.activities.reconcile.Json.firstNonBlank;
import static io.accessproof.activities.reconcile.Json.id;
import static io.accessproof.activities.reconcile.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.store.mirror.SubscriptionMirrorDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Every subscription of a customer from Stripe ({@code status=all}, all pages, prices and products expanded: one
 * read per hundred), written to the {@code subscriptions} mirror at a given version. A row the mirror holds in a
 * newer version answers instead of the fetched one.
 */
public final class CustomerSubscriptions {
    private static final List<String> EXPAND = List.of("data.items.data.price.product");

    private final Jdbi jdbi;
    private final PlanMapping plans;
    private final Clock clock;

    public CustomerSubscriptions(Jdbi jdbi, PlanMapping plans, Clock clock) {
        this.jdbi = jdbi;
        this.plans = plans == null ? PlanMapping.empty() : plans;
        this.clock = clock;
    }

    /** @param version how new the fetched objects are (the fetch's start, or a later event's created) */
    public List<MirroredSubscription> fetch(StripeReader reader, String customerId, String account, Instant version) {
        PlanResolver resolver = new PlanResolver(plans, reader);
        List<MirroredSubscription> subs = new ArrayList<>();
        reader.forEachPage("/v1/subscriptions", Map.of("customer", customerId, "status", "all", "expand", EXPAND),
                customerId, page -> page.forEach(sub -> subs.add(mirror(sub,
                        firstNonBlank(id(sub, "customer"), customerId), account, resolver.resolve(sub), version))));
        return subs;
    }

    /** The customer's subscriptions as the mirror holds them. */
    public List<MirroredSubscription> mirrored(String customerId, String account) {
        return jdbi.withExtension(SubscriptionMirrorDao.class, dao -> dao.forCustomer(customerId, account));
    }

    private MirroredSubscription mirror(JsonNode sub, String customerId, String account, PlanResolver.Resolved plan,
                                        Instant version) {
        String subscriptionId = text(sub, "id");
        MirroredSubscription row = new MirroredSubscription(subscriptionId, customerId, account, text(sub, "status"),
                plan.plan(), plan.priceId(), plan.lookupKey(), version, clock.instant(), sub.toString(), plan.quantity());
        if (jdbi.withExtension(SubscriptionMirrorDao.class, dao -> dao.upsert(row)) == 1) {
            return row;
        }
        return jdbi.withExtension(SubscriptionMirrorDao.class, dao -> dao.find(subscriptionId)).orElse(row);
    }
}
