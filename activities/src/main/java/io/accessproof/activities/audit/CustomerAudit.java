package io.accessproof.activities.audit;

import io.accessproof.activities.probes.Probe;
import io.accessproof.activities.reconcile.CustomerStanding;
import io.accessproof.activities.reconcile.CustomerSubscriptions;
import io.accessproof.activities.reconcile.PastDuePolicy;
import io.accessproof.activities.reconcile.PlanOrder;
import io.accessproof.activities.reconcile.StripeReader;
import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.workflows.model.Evidence;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.outcome.Verdict;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One customer of an audit: what Stripe says they should have, what the app shows, and the finding. */
record CustomerAudit(String customerId, Finding finding, Expectation expected, Observation observed, String detail) {

    /** The id of a customer's drift incident: one open per customer, whichever audit found it. */
    static String driftEventId(String customerId) {
        return "drift-" + customerId;
    }

    static CustomerAudit of(String customerId, StripeReader reader, CustomerSubscriptions subscriptions,
                            Instant version, PlanOrder order, PastDuePolicy pastDue, Probe probe) {
        List<MirroredSubscription> subs;
        try {
            subs = subscriptions.fetch(reader, customerId, null, version);
        } catch (ApplicationFailure failure) {
            if (!failure.isNonRetryable()) {
                throw failure;
            }
            return new CustomerAudit(customerId, Finding.CANNOT_VERIFY, null, null,
                    "Stripe could not be read: " + failure.getOriginalMessage());
        }
        Optional<Expectation> standing = CustomerStanding.ofCustomer(customerId, subs, order, pastDue);
        if (standing.isEmpty()) {
            return new CustomerAudit(customerId, Finding.NOTHING_TO_ASSERT, null, null, "no subscription to judge");
        }
        Expectation expected = standing.get();
        Observation observed = probe.observe(customerId);
        String mismatch = Verdict.mismatch(expected, observed);
        Finding finding = mismatch == null ? Finding.RIGHT
                : !observed.reachable() ? Finding.APP_UNREACHABLE
                : expected.access() ? Finding.PAID_NO_ACCESS : Finding.ACCESS_NOT_PAID;
        return new CustomerAudit(customerId, finding, expected, observed, describe(expected, observed));
    }

    /** "Stripe: team (sub_1, active); app: no access" */
    private static String describe(Expectation expected, Observation observed) {
        String stripe = expected.access() ? expected.plan() + " (" + expected.subscriptionId() + ", "
                + expected.stripeStatus() + ")" : "no access (" + expected.reason() + ")";
        String app = !observed.reachable() ? "unreachable (" + observed.detail() + ")"
                : observed.active() ? "access on " + observed.plan() : "no access";
        return "Stripe: " + stripe + "; app: " + app;
    }

    IncidentRequest incident(String auditId, long atMillis) {
        String title = finding == Finding.PAID_NO_ACCESS
                ? "Customer access drifted from Stripe: " + customerId + " pays for " + expected.plan()
                        + ", the app shows " + (observed.active() ? observed.plan() : "no access") + " (audit " + auditId + ")"
                : "Customer access drifted from Stripe: " + customerId + " pays for nothing, the app shows access on "
                        + observed.plan() + " (audit " + auditId + "; revenue leakage)";
        Evidence evidence = new Evidence(driftEventId(customerId), null, customerId, expected.subscriptionId(),
                expected.plan(), expected.access(), observed.plan(), observed.active(), observed.detail(),
                observed.observedAtMillis(), List.of(), observed.deploySha(), "audit:" + auditId, false,
                finding.wire() + ": " + detail);
        return new IncidentRequest(driftEventId(customerId), IncidentKind.DRIFT, title, evidence, atMillis);
    }
}
