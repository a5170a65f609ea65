package io.accessproof.server.receipts;

import io.accessproof.activities.receipts.ReceiptDao;
import io.accessproof.activities.receipts.StoredReceipt;
import io.accessproof.activities.store.Json;
import io.accessproof.activities.store.RunDao;
import io.accessproof.activities.store.StripeEventDao;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.RunState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an authenticated, well-formed receipt: hands it to its run, stores it once the run accepted it,
 * and says what the app should know. Idempotent on the receipt id.
 */
public final class ReceiptIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptIntake.class);

    /** An HTTP status and the JSON body to answer with. */
    public record Reply(int status, Map<String, Object> body) {
    }

    private final Jdbi jdbi;
    private final ReceiptDelivery delivery;

    public ReceiptIntake(Jdbi jdbi, ReceiptDelivery delivery) {
        this.jdbi = jdbi;
        this.delivery = delivery;
    }

    public Reply take(Receipt receipt, String body) {
        try {
            Optional<StoredReceipt> earlier = jdbi.onDemand(ReceiptDao.class).find(receipt.receiptId());
            if (earlier.isPresent() && !earlier.get().eventId().equals(receipt.eventId())) {
                return error(409, "receipt_id " + receipt.receiptId() + " was already used for event "
                        + earlier.get().eventId());
            }
            Optional<String> ignoredType = jdbi.onDemand(StripeEventDao.class).ignoredType(receipt.eventId());
            if (ignoredType.isPresent()) {
                boolean fresh = store(receipt, body);
                return answer(receipt, !fresh, RunState.NOT_APPLICABLE.wire(),
                        "events of type " + ignoredType.get() + " start no run; the receipt is recorded");
            }
            Optional<RunState> stored = jdbi.onDemand(RunDao.class).state(receipt.eventId()).map(RunState::fromWire);
            if (stored.isPresent() && stored.get().closed()) {
                return toClosedRun(receipt, body, stored.get().wire());
            }
            return deliver(receipt, body);
        } catch (JdbiException e) {
            LOG.warn("receipt {} for {} not taken, answering 503: {}", receipt.receiptId(), receipt.eventId(),
                    e.getMessage());
            return error(503, "receipt store unavailable; retry later");
        }
    }

    private Reply deliver(Receipt receipt, String body) {
        ReceiptDelivery.Outcome outcome = delivery.deliver(receipt);
        if (outcome instanceof ReceiptDelivery.Accepted accepted) {
            store(receipt, body);
            handBackIfIgnored(receipt.eventId());
            LOG.info("receipt {} {} for event {} accepted (state {})", receipt.receiptId(), receipt.status(),
                    receipt.eventId(), accepted.answer().state());
            return answer(receipt, accepted.answer().duplicate(), accepted.answer().state(), null);
        }
        if (outcome instanceof ReceiptDelivery.Rejected rejected) {
            int status = rejected.type() == FailureType.RECEIPT_CONTRADICTS_RUN ? 409 : 422;
            return error(status, rejected.message());
        }
        if (outcome instanceof ReceiptDelivery.RunClosed) {
            return toClosedRun(receipt, body, jdbi.onDemand(RunDao.class).state(receipt.eventId()).orElse("closed"));
        }
        LOG.warn("receipt {} for {} not delivered: {}", receipt.receiptId(), receipt.eventId(),
                ((ReceiptDelivery.Unavailable) outcome).message());
        return error(503, ((ReceiptDelivery.Unavailable) outcome).message());
    }

    /**
     * A closed run cannot validate the receipt itself: its stored customer does, as the open run's validator
     * would, so a receipt for another customer is a 409 whether or not the run is still open.
     */
    private Reply toClosedRun(Receipt receipt, String body, String state) {
        Optional<String> runCustomer = jdbi.onDemand(RunDao.class).customer(receipt.eventId());
        if (receipt.customerId() != null && runCustomer.isPresent() && !runCustomer.get().equals(receipt.customerId())) {
            return error(409, "receipt " + receipt.receiptId() + " names customer " + receipt.customerId()
                    + ", the run's customer is " + runCustomer.get());
        }
        boolean fresh = store(receipt, body);
        return answer(receipt, !fresh, state, "the run is closed; the receipt changes nothing");
    }

    /**
     * The event may have been stored, as an ignored type, while this receipt was creating its run: the
     * outbox then passed it before the run existed. Handing it back lets the outbox close that run.
     */
    private void handBackIfIgnored(String eventId) {
        if (jdbi.onDemand(StripeEventDao.class).handBackIgnored(eventId) > 0) {
            LOG.info("event {} is of an ignored type; its receipt-created run will close not applicable", eventId);
        }
    }

    /** Returns true when this call stored the receipt. */
    private boolean store(Receipt receipt, String body) {
        return jdbi.onDemand(ReceiptDao.class).insertIfAbsent(new StoredReceipt(receipt.receiptId(),
                receipt.eventId(), receipt.status(), receipt.reasonCode(), receipt.processedAt(), receipt.deploySha(),
                receipt.customerId(), Json.write(receipt.sideEffectRefs()), body,
                Instant.ofEpochMilli(receipt.receivedAtMillis())));
    }

    private static Reply answer(Receipt receipt, boolean duplicate, String state, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", true);
        body.put("event_id", receipt.eventId());
        body.put("receipt_id", receipt.receiptId());
        body.put("duplicate", duplicate);
        body.put("state", state);
        if (note != null) {
            body.put("note", note);
        }
        return new Reply(200, body);
    }

    private static Reply error(int status, String message) {
        return new Reply(status, Map.of("error", message));
    }
}
