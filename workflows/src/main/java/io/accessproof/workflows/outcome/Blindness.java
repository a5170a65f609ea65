package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.IncidentKind;

/**
 * Why accessproof cannot see what a run needs: the cannot-verify incident it leads to, the reason code,
 * and what the failing side said (ids and status only, never a key or a payload).
 *
 * @param refused true when the other side answered that it never will (a 4xx), false for an outage
 */
record Blindness(IncidentKind kind, String reasonCode, String detail, boolean refused) {
    static final String OWN_BUDGET = "stripe_budget_wait";

    /** The reads waited for accessproof's own Stripe budget: not an outage, nobody refused anything. */
    boolean ownBudget() {
        return OWN_BUDGET.equals(reasonCode);
    }
}
