package io.accessproof.activities.reconcile;

import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The access a customer should have, judged by all their subscriptions, not the one an event is about: access
 * when any subscription grants it, the plan the highest of those granted ({@link PlanOrder}; between equals,
 * the event's own subscription, then the newest), the seats the sum of the quantities paid for on that plan,
 * entitlement features as given. When no subscription grants
 * access, the event's own subscription's verdict stands. Pure.
 */
public final class CustomerStanding {
    private CustomerStanding() {
    }

    /**
     * @param own  the subscription the event is about
     * @param subs every subscription of the customer, newest first (Stripe's list order), {@code own} among them
     * @return empty when {@code own} is not among {@code subs}
     */
    static Optional<Expectation> of(String own, List<MirroredSubscription> subs, List<String> features,
                                    PlanOrder order, PastDuePolicy pastDue) {
        Expectation ownVerdict = null;
        List<Expectation> granting = new ArrayList<>();
        for (MirroredSubscription sub : subs) {
            Expectation verdict = SubscriptionRules.of(sub, features, pastDue);
            if (sub.subscriptionId().equals(own)) {
                ownVerdict = verdict;
            }
            if (verdict.change() == AccessChange.GRANT) {
                granting.add(verdict);
            }
        }
        if (ownVerdict == null) {
            return Optional.empty();
        }
        if (granting.isEmpty() || granting.size() == 1 && granting.get(0) == ownVerdict) {
            return Optional.of(ownVerdict);
        }
        Expectation best = highest(granting, ownVerdict, order);
        return Optional.of(new Expectation(AccessChange.GRANT, ownVerdict.customerId(), own, best.plan(), true,
                features, ownVerdict.stripeStatus(), reason(ownVerdict, best, granting), seatsOn(best.plan(), granting)));
    }

    /**
     * The customer's standing with no event: access on the highest plan when any subscription grants it, no
     * access when some subscription ended and none grants, empty when there is nothing to assert (no
     * subscription, or only ones whose payment is not yet confirmed).
     */
    public static Optional<Expectation> ofCustomer(String customerId, List<MirroredSubscription> subs, PlanOrder order,
                                            PastDuePolicy pastDue) {
        List<Expectation> granting = new ArrayList<>();
        Expectation ended = null;
        for (MirroredSubscription sub : subs) {
            Expectation verdict = SubscriptionRules.of(sub, List.of(), pastDue);
            if (verdict.change() == AccessChange.GRANT) {
                granting.add(verdict);
            } else if (verdict.change() == AccessChange.REVOKE && ended == null) {
                ended = verdict;
            }
        }
        if (granting.isEmpty()) {
            return Optional.ofNullable(ended);
        }
        Expectation best = highest(granting, granting.get(0), order);
        return Optional.of(new Expectation(AccessChange.GRANT, customerId, best.subscriptionId(), best.plan(), true,
                List.of(), best.stripeStatus(), granting.size() == 1 ? best.reason() : reason(best, best, granting),
                seatsOn(best.plan(), granting)));
    }

    /** The seats paid for on a plan: the sum over the subscriptions that grant it; null when one says none. */
    private static Integer seatsOn(String plan, List<Expectation> granting) {
        int seats = 0;
        for (Expectation e : granting) {
            if (Objects.equals(e.plan(), plan)) {
                if (e.seats() == null) {
                    return null;
                }
                seats += e.seats();
            }
        }
        return seats;
    }

    private static Expectation highest(List<Expectation> granting, Expectation own, PlanOrder order) {
        Expectation best = granting.contains(own) ? own : granting.get(0);
        for (Expectation candidate : granting) {
            if (order.compare(candidate.plan(), best.plan()) > 0) {
                best = candidate;
            }
        }
        return best;
    }

    private static String reason(Expectation own, Expectation best, List<Expectation> granting) {
        String paying = granting.stream().map(e -> e.plan() + " (" + e.subscriptionId() + ")")
                .collect(Collectors.joining(", "));
        if (own.change() != AccessChange.GRANT) {
            return "subscription " + own.subscriptionId() + " is " + own.stripeStatus()
                    + ", but the customer still pays for " + paying + ": access on plan " + best.plan();
        }
        return "the customer pays for " + granting.size() + " subscriptions, " + paying
                + ": access on the highest plan, " + best.plan();
    }
}
