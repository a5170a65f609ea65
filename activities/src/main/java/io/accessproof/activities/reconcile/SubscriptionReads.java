package io.accessproof.activities.reconcile;

import static io.accessproof.activities.reconcile.Json.firstNonBlank;
import static io.accessproof.activities.reconcile.Json.id;
import static io.accessproof.activities.reconcile.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.store.mirror.SubscriptionMirrorDao;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.StripeEventFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Stripe says of a subscription and of its customer's standing, read through the subscription mirror.
 *
 * <p>Mirror versions: the fetched object is Stripe's <em>current</em> state, so its version is the
 * instant the fetch started, or the event's {@code created} when that is later (a clock behind
 * Stripe's). A fetch that started earlier therefore never overwrites a row written by a fetch that
 * started later, whatever order their writes land in; when the mirror already holds a newer object,
 * the expectation is taken from that row.
 *
 * <p>Reads are coalesced per subscription: when the mirror holds a fetch that started after the event
 * (at least {@link #AFTER_EVENT} past its {@code created} second, for the truncation and clock skew)
 * and no longer than {@code reuseWithin} ago, that row is Stripe's answer for this event too, and
 * Stripe is not asked again. A billing cycle's invoice and subscription events of one customer then
 * cost one subscription read while they queue for the Stripe budget together.
 */
final class SubscriptionReads {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionReads.class);
    private static final List<String> EXPAND_PRODUCT = List.of("items.data.price.product");
    static final Duration AFTER_EVENT = Duration.ofSeconds(2);

    private final Jdbi jdbi;
    private final PlanMapping plans;
    private final PastDuePolicy pastDue;
    private final PlanOrder order;
    private final CustomerSubscriptions subscriptions;
    private final Duration reuseWithin;
    private final Clock clock;

    /** @param reuseWithin how old a mirrored fetch may be to answer a later event of its subscription; zero: never */
    SubscriptionReads(Jdbi jdbi, PlanMapping plans, PastDuePolicy pastDue, PlanOrder order, Duration reuseWithin,
                      Clock clock) {
        this.jdbi = jdbi;
        this.plans = plans;
        this.pastDue = pastDue;
        this.order = order;
        this.reuseWithin = reuseWithin;
        this.clock = clock;
        this.subscriptions = new CustomerSubscriptions(jdbi, plans, clock);
    }

    /**
     * The customer's standing ({@link CustomerStanding}): all their subscriptions, listed in one read when the
     * event names the customer, else after the subscription's own read has named them.
     */
    Expectation standing(StripeReader reader, StripeEventFacts event, String subscriptionId, List<String> features) {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            return ReconcileActivitiesImpl.none(event.customerId(), null, "event names no subscription: no access change");
        }
        if (event.customerId() != null) {
            Optional<Expectation> standing = CustomerStanding.of(subscriptionId,
                    customerSubscriptions(reader, event, event.customerId()), features, order, pastDue);
            if (standing.isPresent()) {
                return standing.get();
            }
        }
        Expectation own = oneSubscription(reader, event, subscriptionId, features);
        if (event.customerId() == null && own.customerId() != null) {
            return CustomerStanding.of(subscriptionId, customerSubscriptions(reader, event, own.customerId()), features,
                    order, pastDue).orElse(own);
        }
        return own;
    }

    /**
     * Every subscription of the customer ({@link CustomerSubscriptions}); answered from the mirror, with no Stripe
     * read, when all its rows of the customer were fetched after the event and recently.
     */
    private List<MirroredSubscription> customerSubscriptions(StripeReader reader, StripeEventFacts event,
                                                             String customerId) {
        Instant eventCreated = Instant.ofEpochSecond(event.created());
        List<MirroredSubscription> mirrored = subscriptions.mirrored(customerId, event.account());
        if (!mirrored.isEmpty() && mirrored.stream().allMatch(m -> answersFor(m, eventCreated))) {
            LOG.info("{}'s subscriptions were fetched after the event: standing from the mirror, no Stripe read",
                    customerId);
            return mirrored;
        }
        Instant fetchStarted = clock.instant();
        return subscriptions.fetch(reader, customerId, event.account(),
                eventCreated.isAfter(fetchStarted) ? eventCreated : fetchStarted);
    }

    /** The subscription alone, read by id (or answered by a recent fetch of it). */
    private Expectation oneSubscription(StripeReader reader, StripeEventFacts event, String subscriptionId,
                                        List<String> features) {
        Instant eventCreated = Instant.ofEpochSecond(event.created());
        Optional<MirroredSubscription> recent = recentFetchAfter(subscriptionId, event.account(), eventCreated);
        if (recent.isPresent()) {
            MirroredSubscription m = recent.get();
            LOG.info("{} was fetched at {}, after the event: expectation from the mirror, no Stripe read", subscriptionId,
                    m.stripeVersion());
            return fromMirror(m, features);
        }
        Instant fetchStarted = clock.instant();
        JsonNode sub = reader.get("/v1/subscriptions/" + ReconcileActivitiesImpl.segment(subscriptionId), Map.of("expand", EXPAND_PRODUCT), subscriptionId);
        String customerId = firstNonBlank(id(sub, "customer"), event.customerId());
        String status = text(sub, "status");
        PlanResolver.Resolved plan = new PlanResolver(plans, reader).resolve(sub);
        Instant version = eventCreated.isAfter(fetchStarted) ? eventCreated : fetchStarted;
        if (customerId != null) {
            MirroredSubscription row = new MirroredSubscription(subscriptionId, customerId, event.account(), status,
                    plan.plan(), plan.priceId(), plan.lookupKey(), version, clock.instant(), sub.toString(),
                    plan.quantity());
            int written = jdbi.withExtension(SubscriptionMirrorDao.class, dao -> dao.upsert(row));
            if (written == 0) {
                Optional<MirroredSubscription> newer = jdbi.withExtension(SubscriptionMirrorDao.class, dao -> dao.find(subscriptionId));
                if (newer.isPresent()) {
                    MirroredSubscription m = newer.get();
                    LOG.info("mirror holds a newer {} (version {} > {}): expectation from the mirror", subscriptionId,
                            m.stripeVersion(), version);
                    return fromMirror(m, features);
                }
            }
        } else {
            LOG.warn("subscription {} has no customer: mirror not written", subscriptionId);
        }
        return SubscriptionRules.seats(SubscriptionRules.expectation(customerId, subscriptionId, status, plan.plan(),
                features, pastDue), plan.quantity());
    }

    private Expectation fromMirror(MirroredSubscription m, List<String> features) {
        return SubscriptionRules.of(m, features, pastDue);
    }

    /** The mirrored fetch of this subscription that can answer for an event created at {@code eventCreated}. */
    private Optional<MirroredSubscription> recentFetchAfter(String subscriptionId, String account, Instant eventCreated) {
        if (reuseWithin.isZero()) {
            return Optional.empty();
        }
        return jdbi.withExtension(SubscriptionMirrorDao.class, dao -> dao.find(subscriptionId))
                .filter(m -> Objects.equals(m.account(), account))
                .filter(m -> answersFor(m, eventCreated));
    }

    /** A mirrored fetch answers for an event when it started after the event, no longer than reuseWithin ago. */
    private boolean answersFor(MirroredSubscription m, Instant eventCreated) {
        return !reuseWithin.isZero() && !m.stripeVersion().isBefore(eventCreated.plus(AFTER_EVENT))
                && !m.stripeVersion().isBefore(clock.instant().minus(reuseWithin));
    }
}
