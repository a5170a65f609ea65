package io.accessproof.activities.reconcile;

import java.util.List;

/**
 * The plans from lowest to highest ({@code proving.plans}): a customer paying for several plans should have
 * the highest. A plan not in the list ranks below every listed one; with no list, no plan outranks another.
 */
public final class PlanOrder {
    private final List<String> lowestFirst;

    public PlanOrder(List<String> lowestFirst) {
        this.lowestFirst = lowestFirst == null ? List.of() : List.copyOf(lowestFirst);
    }

    public static PlanOrder none() {
        return new PlanOrder(List.of());
    }

    /** Positive when {@code a} is higher than {@code b}, negative when lower, 0 when neither is. */
    int compare(String a, String b) {
        return Integer.compare(lowestFirst.indexOf(a), lowestFirst.indexOf(b));
    }
}
