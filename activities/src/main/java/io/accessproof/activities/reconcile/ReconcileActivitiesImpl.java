package io.accessproof.activities.reconcile;

import static io.accessproof.activities.reconcile.Json.firstNonBlank;
import static io.accessproof.activities.reconcile.Json.id;
import static io.accessproof.activities.reconcile.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.store.mirror.SubscriptionMirrorDao;
import io.accessproof.store.runs.RunDao;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.ReconcileRequest;
import io.accessproof.workflows.model.StripeEventFacts;
import io.accessproof.workflows.outcome.ReconcileActivities;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one Stripe event from Stripe's API: fetches the current object behind it (on the
 * event's Connect account), writes the subscription mirror, and derives the {@link Expectation}
 * from Stripe's truth, never from the event payload. Safe to repeat for the same event: it only
 * reads Stripe and upserts the mirror.
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
public final class ReconcileActivitiesImpl implements ReconcileActivities {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileActivitiesImpl.class);
    private static final List<String> EXPAND_PRODUCT = List.of("items.data.price.product");
    static final Duration AFTER_EVENT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REUSE_WITHIN = Duration.ofSeconds(5);

    private final StripeClient stripe;
    private final Jdbi jdbi;
    private final PlanMapping plans;
    private final PastDuePolicy pastDue;
    private final PlanOrder order;
    private final CustomerSubscriptions subscriptions;
    private final StripeRateLimiter limiter;
    private final Duration reuseWithin;
    private final Clock clock;
    private final String keyMode;
    private volatile String keyAccount;

    public ReconcileActivitiesImpl(StripeClient stripe, Jdbi jdbi, PlanMapping plans, PastDuePolicy pastDue,
                                   StripeRateLimiter limiter) {
        this(stripe, jdbi, plans, pastDue, limiter, DEFAULT_REUSE_WITHIN, Clock.systemUTC(), "test", PlanOrder.none());
    }

    /**
     * @param reuseWithin how old a mirrored fetch may be to answer a later event of its subscription; zero: never
     * @param keyMode     the API key's mode ({@link StripeKeys#modeOf}), named when Stripe shows it no such object
     * @param order       which plan is higher, for customers who pay for several
     */
    public ReconcileActivitiesImpl(StripeClient stripe, Jdbi jdbi, PlanMapping plans, PastDuePolicy pastDue,
                                   StripeRateLimiter limiter, Duration reuseWithin, Clock clock, String keyMode,
                                   PlanOrder order) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.plans = plans == null ? PlanMapping.empty() : plans;
        this.pastDue = pastDue == null ? PastDuePolicy.KEEP_ACCESS : pastDue;
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.reuseWithin = reuseWithin == null || reuseWithin.isNegative() ? Duration.ZERO : reuseWithin;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keyMode = keyMode == null ? "unknown" : keyMode;
        this.order = order == null ? PlanOrder.none() : order;
        this.subscriptions = new CustomerSubscriptions(jdbi, this.plans, clock);
    }

    @Override
    public Expectation reconcile(ReconcileRequest request) {
        Expectation expected;
        try {
            expected = expectationOf(request);
        } catch (ApplicationFailure failure) {
            throw FailureType.STRIPE_NOT_FOUND.name().equals(failure.getType()) ? namingKeyAccount(failure) : failure;
        }
        if (expected.subscriptionId() != null && request.event().subscriptionId() == null) {
            // Entitlement summaries name no subscription: the run's row says which one it found, so that
            // only the newest run of that subscription raises an incident. Events that name one are found
            // by their stored subscription already.
            jdbi.useExtension(RunDao.class, runs -> runs.nameSubscription(request.eventId(), expected.subscriptionId()));
        }
        return expected;
    }

    /**
     * Stripe showed the key no such object: say which account the key belongs to (read once per worker, in the
     * budget), so a key of the wrong account is seen at once. Without it the failure stands as it is.
     */
    private ApplicationFailure namingKeyAccount(ApplicationFailure notFound) {
        if (keyAccount == null) {
            try {
                keyAccount = new StripeReader(stripe, limiter, null, keyMode, null).get("/v1/account", Map.of(),
                        "the key's account").path("id").asText(null);
            } catch (ApplicationFailure unreadable) {
                return notFound;
            }
        }
        return keyAccount == null ? notFound : ApplicationFailure.newNonRetryableFailure(
                notFound.getOriginalMessage() + " (the key belongs to account " + keyAccount + ")", notFound.getType());
    }

    private Expectation expectationOf(ReconcileRequest request) {
        StripeEventFacts event = request.event();
        StripeReader reader = new StripeReader(stripe, limiter, event.account(), keyMode, event.livemode());
        String type = event.type() == null ? "" : event.type();
        LOG.info("reconciling event {} type {} object {} account {}", request.eventId(), type, event.objectId(), event.account());
        if (type.startsWith("customer.subscription.")) {
            String subscriptionId = "subscription".equals(event.objectType())
                    ? firstNonBlank(event.objectId(), event.subscriptionId()) : firstNonBlank(event.subscriptionId(), event.objectId());
            return fromSubscription(reader, event, subscriptionId, List.of());
        }
        if (type.startsWith("checkout.session.")) {
            return fromCheckoutSession(reader, event);
        }
        if (type.startsWith("invoice.")) {
            return fromInvoice(reader, event);
        }
        if (type.startsWith("entitlements.active_entitlement_summary.")) {
            return fromEntitlements(reader, event);
        }
        if (event.subscriptionId() != null && !event.subscriptionId().isBlank()) {
            return fromSubscription(reader, event, event.subscriptionId(), List.of());
        }
        return none(event.customerId(), null, "event type " + type + " names no subscription: no access change");
    }

    private Expectation fromCheckoutSession(StripeReader reader, StripeEventFacts event) {
        String sessionId = event.objectId();
        JsonNode session = reader.get("/v1/checkout/sessions/" + segment(sessionId), Map.of(), sessionId);
        String subscriptionId = id(session, "subscription");
        String customerId = firstNonBlank(id(session, "customer"), event.customerId());
        if (subscriptionId == null) {
            String mode = text(session, "mode");
            return none(customerId, null, "payment".equals(mode)
                    ? "one-off payment: no access change"
                    : "checkout session " + sessionId + " (mode " + mode + ") has no subscription: no access change");
        }
        return fromSubscription(reader, event, subscriptionId, List.of());
    }

    private Expectation fromInvoice(StripeReader reader, StripeEventFacts event) {
        String invoiceId = event.objectId();
        JsonNode invoice = reader.get("/v1/invoices/" + segment(invoiceId), Map.of(), invoiceId);
        String subscriptionId = invoiceSubscription(invoice);
        if (subscriptionId == null) {
            return none(firstNonBlank(id(invoice, "customer"), event.customerId()), null,
                    "invoice " + invoiceId + " belongs to no subscription (one-off invoice): no access change");
        }
        return fromSubscription(reader, event, subscriptionId, List.of());
    }

    /** basil and later: {@code parent.subscription_details.subscription}; before: {@code subscription}; else the lines. */
    static String invoiceSubscription(JsonNode invoice) {
        String direct = firstNonBlank(id(invoice, "parent", "subscription_details", "subscription"), id(invoice, "subscription"));
        if (direct != null) {
            return direct;
        }
        for (JsonNode line : invoice.path("lines").path("data")) {
            String fromLine = firstNonBlank(
                    id(line, "parent", "subscription_item_details", "subscription"),
                    id(line, "parent", "invoice_item_details", "subscription"),
                    id(line, "subscription"));
            if (fromLine != null) {
                return fromLine;
            }
        }
        return null;
    }

    private Expectation fromEntitlements(StripeReader reader, StripeEventFacts event) {
        String customerId = event.customerId();
        if (customerId == null || customerId.isBlank()) {
            return none(null, null, "entitlement summary event names no customer: nothing to assert");
        }
        List<JsonNode> entitlements = reader.listAll("/v1/entitlements/active_entitlements", Map.of("customer", customerId), customerId);
        LinkedHashSet<String> features = new LinkedHashSet<>();
        for (JsonNode e : entitlements) {
            String key = firstNonBlank(text(e, "lookup_key"), text(e, "feature", "lookup_key"), id(e, "feature"));
            if (key != null) {
                features.add(key);
            }
        }
        Optional<String> newestActive = newestActiveSubscription(reader, customerId);
        if (newestActive.isPresent()) {
            Expectation fromSub = fromSubscription(reader, event, newestActive.get(), List.copyOf(features));
            if (fromSub.change() == AccessChange.GRANT || features.isEmpty()) {
                return fromSub;
            }
        }
        if (features.isEmpty()) {
            return new Expectation(AccessChange.REVOKE, customerId, null, null, false, List.of(), null,
                    "customer has no active entitlements and no active subscription: no access");
        }
        return new Expectation(AccessChange.GRANT, customerId, null, null, true, List.copyOf(features), null,
                "customer has " + features.size() + " active entitlement(s) and no active subscription");
    }

    private Optional<String> newestActiveSubscription(StripeReader reader, String customerId) {
        JsonNode list = reader.get("/v1/subscriptions", Map.of("customer", customerId, "limit", 20), customerId);
        List<JsonNode> subs = new ArrayList<>();
        list.path("data").forEach(subs::add);
        return subs.stream()
                .filter(s -> "active".equals(text(s, "status")) || "trialing".equals(text(s, "status")))
                .max(Comparator.comparingLong(s -> s.path("created").asLong(0)))
                .map(s -> text(s, "id"));
    }

    /**
     * The customer's standing ({@link CustomerStanding}): all their subscriptions, listed in one read when the
     * event names the customer, else after the subscription's own read has named them.
     */
    private Expectation fromSubscription(StripeReader reader, StripeEventFacts event, String subscriptionId,
                                         List<String> features) {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            return none(event.customerId(), null, "event names no subscription: no access change");
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
        JsonNode sub = reader.get("/v1/subscriptions/" + segment(subscriptionId), Map.of("expand", EXPAND_PRODUCT), subscriptionId);
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

    private static Expectation none(String customerId, String subscriptionId, String reason) {
        return new Expectation(AccessChange.NONE, customerId, subscriptionId, null, false, List.of(), null, reason);
    }

    private static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                    "the event names no Stripe object id", io.accessproof.workflows.FailureType.STRIPE_INVALID_REQUEST.name());
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
