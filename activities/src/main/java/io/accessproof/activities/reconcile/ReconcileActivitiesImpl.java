package io.accessproof.activities.reconcile;

import static io.accessproof.activities.reconcile.Json.firstNonBlank;
import static io.accessproof.activities.reconcile.Json.id;
import static io.accessproof.activities.reconcile.Json.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
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
 * reads Stripe and upserts the mirror. This class routes by the event's object; {@link SubscriptionReads}
 * reads the subscriptions and the customer's standing.
 */
public final class ReconcileActivitiesImpl implements ReconcileActivities {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileActivitiesImpl.class);
    public static final Duration DEFAULT_REUSE_WITHIN = Duration.ofSeconds(5);

    private final StripeClient stripe;
    private final Jdbi jdbi;
    private final SubscriptionReads subscriptions;
    private final StripeRateLimiter limiter;
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
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.keyMode = keyMode == null ? "unknown" : keyMode;
        this.subscriptions = new SubscriptionReads(jdbi, plans == null ? PlanMapping.empty() : plans,
                pastDue == null ? PastDuePolicy.KEEP_ACCESS : pastDue, order == null ? PlanOrder.none() : order,
                reuseWithin == null || reuseWithin.isNegative() ? Duration.ZERO : reuseWithin,
                Objects.requireNonNull(clock, "clock"));
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
            return subscriptions.standing(reader, event, subscriptionId, List.of());
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
            return subscriptions.standing(reader, event, event.subscriptionId(), List.of());
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
        return subscriptions.standing(reader, event, subscriptionId, List.of());
    }

    private Expectation fromInvoice(StripeReader reader, StripeEventFacts event) {
        String invoiceId = event.objectId();
        JsonNode invoice = reader.get("/v1/invoices/" + segment(invoiceId), Map.of(), invoiceId);
        String subscriptionId = invoiceSubscription(invoice);
        if (subscriptionId == null) {
            return none(firstNonBlank(id(invoice, "customer"), event.customerId()), null,
                    "invoice " + invoiceId + " belongs to no subscription (one-off invoice): no access change");
        }
        return subscriptions.standing(reader, event, subscriptionId, List.of());
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
            Expectation fromSub = subscriptions.standing(reader, event, newestActive.get(), List.copyOf(features));
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

    static Expectation none(String customerId, String subscriptionId, String reason) {
        return new Expectation(AccessChange.NONE, customerId, subscriptionId, null, false, List.of(), null, reason);
    }

    static String segment(String id) {
        if (id == null || id.isBlank()) {
            throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                    "the event names no Stripe object id", io.accessproof.workflows.FailureType.STRIPE_INVALID_REQUEST.name());
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
