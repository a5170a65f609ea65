package io.accessproof.activities.runs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import io.accessproof.store.Json;
import io.accessproof.store.proofs.ProofDao;
import io.accessproof.store.proofs.ProofEntry;
import io.accessproof.store.receipts.ReceiptDao;
import io.accessproof.store.receipts.StoredReceipt;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.accessproof.workflows.model.StripeEventFacts;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A run's proof record, appended to its customer's chain each time the run reaches or changes its verdict: ids,
 * plans, states and hashes only, never an email, a name or free text from the app.
 */
public final class ProofRecords {
    /** The states that are a verdict (or end one): each gets a record. */
    public static boolean isVerdict(RunState state) {
        return state != RunState.ACCEPTED && state != RunState.PROVING;
    }

    private ProofRecords() {
    }

    /** Appends the record of this transition, in the caller's transaction; a retried step appends nothing. */
    public static void append(Handle h, String writer, RunTransition t) {
        String customer = customerOf(t);
        List<StoredReceipt> receipts = h.attach(ReceiptDao.class).forEvent(t.eventId());
        Instant at = Instant.ofEpochMilli(t.atMillis());
        h.attach(ProofDao.class).append(new ProofEntry(t.eventId(), writer, t.step(), customer, t.state().wire(), at,
                Json.write(record(t, customer, receipts, at))));
    }

    static ObjectNode record(RunTransition t, String customer, List<StoredReceipt> receipts, Instant at) {
        StripeEventFacts event = t.event();
        Expectation expected = t.expected();
        Observation observed = t.observed();
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("event_id", t.eventId());
        r.put("event_type", event == null ? null : event.type());
        r.put("event_created", event == null ? null : event.created());
        r.put("livemode", event == null ? null : event.livemode());
        r.put("verdict", t.state().wire());
        r.put("customer_id", customer.isEmpty() ? null : customer);
        r.put("subscription_id", expected != null && expected.subscriptionId() != null ? expected.subscriptionId()
                : event == null ? null : event.subscriptionId());
        r.put("stripe_object_id", event == null ? null : event.objectId());
        r.put("stripe_api_version", expected == null ? null : Stripe.API_VERSION);
        r.set("expected", expected == null ? null : expected(expected));
        r.set("observed", observed == null ? null : observed(observed));
        r.put("proof_source", t.proofSource() == null ? null : t.proofSource().wire());
        ArrayNode ids = r.putArray("receipt_ids");
        receipts.forEach(receipt -> ids.add(receipt.receiptId()));
        r.put("deploy_sha", deploySha(observed, receipts));
        r.put("recorded_at", at.toString());
        return r;
    }

    private static ObjectNode expected(Expectation e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("change", e.change().name().toLowerCase(java.util.Locale.ROOT));
        node.put("plan", e.plan());
        node.put("access", e.access());
        e.features().forEach(node.putArray("features")::add);
        node.put("stripe_status", e.stripeStatus());
        node.put("seats", e.seats());
        return node;
    }

    private static ObjectNode observed(Observation o) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("reachable", o.reachable());
        node.put("plan", o.plan());
        node.put("active", o.active());
        o.features().forEach(node.putArray("features")::add);
        node.put("seats", o.seats());
        return node;
    }

    private static String deploySha(Observation observed, List<StoredReceipt> receipts) {
        if (observed != null && observed.deploySha() != null) {
            return observed.deploySha();
        }
        return receipts.isEmpty() ? null : receipts.get(receipts.size() - 1).deploySha();
    }

    private static String customerOf(RunTransition t) {
        if (t.expected() != null && t.expected().customerId() != null) {
            return t.expected().customerId();
        }
        return t.event() != null && t.event().customerId() != null ? t.event().customerId() : "";
    }
}
