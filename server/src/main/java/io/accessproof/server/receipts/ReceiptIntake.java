package io.accessproof.server.receipts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.api.ReceiptApp;
import io.accessproof.store.Json;
import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.receipts.ReceiptDao;
import io.accessproof.store.receipts.StoredReceipt;
import io.accessproof.store.runs.RunDao;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.RunState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an authenticated, well-formed receipt from its app: checks that the app may speak for the event
 * and its customer, hands it to its run, stores it once the run accepted it, and says what the app should
 * know. A receipt for an event accessproof has not stored yet waits for it (or, for an app that may
 * pre-announce, opens its run), within the app's rate and cap. Idempotent on the app and receipt id.
 */
public final class ReceiptIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptIntake.class);
    /** Stripe retries a delivery for three days: receipts older than that no longer count against the cap. */
    private static final int UNSEEN_WINDOW_DAYS = 3;
    private static final String AWAITING_EVENT = "awaiting_event";

    /**
     * An HTTP status, the JSON body to answer with ({@link Answer} or {@link ApiError}), and the seconds to put in
     * {@code Retry-After} (0: none).
     */
    public record Reply(int status, Object body, int retryAfterSeconds) {
        Reply(int status, Object body) {
            this(status, body, 0);
        }
    }

    /** A receipt taken: {@code state} is the run's, or awaiting_event; {@code note} only when there is one. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(boolean accepted, String eventId, String receiptId, boolean duplicate, String state,
                         String note) {
    }

    private final Jdbi jdbi;
    private final ReceiptDelivery delivery;
    private final Map<String, UnseenRate> unseenRates = new ConcurrentHashMap<>();

    public ReceiptIntake(Jdbi jdbi, ReceiptDelivery delivery, List<ReceiptApp> apps) {
        this.jdbi = jdbi;
        this.delivery = delivery;
        apps.forEach(app -> unseenRates.put(app.name, new UnseenRate(app.unseenPerSecond, System::nanoTime)));
    }

    public Reply take(ReceiptApp app, Receipt receipt, String body) {
        try {
            Optional<StoredReceipt> earlier = jdbi.onDemand(ReceiptDao.class).find(app.name, receipt.receiptId());
            if (earlier.isPresent() && !earlier.get().eventId().equals(receipt.eventId())) {
                return error(409, "receipt_id " + receipt.receiptId() + " was already used for event "
                        + earlier.get().eventId());
            }
            Optional<PendingEvent> event = jdbi.onDemand(StripeEventDao.class).find(receipt.eventId());
            if (event.isEmpty()) {
                return beforeEvent(app, receipt, body, earlier.isPresent());
            }
            String customer = event.get().customerId() != null ? event.get().customerId() : receipt.customerId();
            String refusal = app.refusal(event.get().type(), customer);
            if (refusal != null) {
                return error(403, refusal);
            }
            if (event.get().ignored()) {
                boolean fresh = store(app, receipt, body, false);
                return answer(receipt, !fresh, RunState.NOT_APPLICABLE.wire(),
                        "events of type " + event.get().type() + " start no run; the receipt is recorded");
            }
            Optional<RunState> stored = jdbi.onDemand(RunDao.class).state(receipt.eventId()).map(RunState::fromWire);
            if (stored.isPresent() && stored.get().closed()) {
                return toClosedRun(app, receipt, body, stored.get().wire());
            }
            return deliver(app, receipt, body, false);
        } catch (JdbiException e) {
            LOG.warn("receipt {} for {} not taken, answering 503: {}", receipt.receiptId(), receipt.eventId(),
                    e.getMessage());
            return error(503, "receipt store unavailable; retry later");
        }
    }

    /** accessproof has not stored the receipt's event (yet): within the app's rate and cap, wait for it. */
    private Reply beforeEvent(ReceiptApp app, Receipt receipt, String body, boolean again) {
        String refusal = app.refusal(null, receipt.customerId());
        if (refusal != null) {
            return error(403, refusal);
        }
        if (again) { // a retry of a receipt already taken: never rate limited, never a second run
            return app.preAnnounce ? deliver(app, receipt, body, true) : awaiting(receipt, true);
        }
        if (!unseenRates.get(app.name).tryAcquire()) {
            return new Reply(429, new ApiError("app " + app.name + " sends receipts for events accessproof has "
                    + "not received faster than " + app.unseenPerSecond + " per second; retry later"), 1);
        }
        int waiting = jdbi.onDemand(ReceiptDao.class).waitingForEvent(app.name, UNSEEN_WINDOW_DAYS);
        if (waiting >= app.maxUnseen) {
            return new Reply(429, new ApiError("app " + app.name + " has " + waiting + " receipts waiting for "
                    + "Stripe events accessproof has not received (maxUnseen " + app.maxUnseen + "); retry later"), 60);
        }
        if (app.preAnnounce) {
            return deliver(app, receipt, body, true);
        }
        boolean fresh = store(app, receipt, body, true);
        if (jdbi.onDemand(StripeEventDao.class).find(receipt.eventId()).isPresent()) {
            return deliver(app, receipt, body, true); // the event came meanwhile: its run may have started without it
        }
        return awaiting(receipt, !fresh);
    }

    private Reply deliver(ReceiptApp app, Receipt receipt, String body, boolean beforeEvent) {
        ReceiptDelivery.Outcome outcome = delivery.deliver(app.forRun(receipt));
        if (outcome instanceof ReceiptDelivery.Accepted accepted) {
            store(app, receipt, body, beforeEvent);
            handBackIfIgnored(receipt.eventId());
            LOG.info("receipt {} {} of app {} for event {} accepted (state {})", receipt.receiptId(), receipt.status(),
                    app.name, receipt.eventId(), accepted.answer().state());
            return answer(receipt, accepted.answer().duplicate(), accepted.answer().state(), null);
        }
        if (outcome instanceof ReceiptDelivery.Rejected rejected) {
            int status = rejected.type() == FailureType.RECEIPT_CONTRADICTS_RUN ? 409 : 422;
            return error(status, rejected.message());
        }
        if (outcome instanceof ReceiptDelivery.RunClosed) {
            return toClosedRun(app, receipt, body,
                    jdbi.onDemand(RunDao.class).state(receipt.eventId()).orElse("closed"));
        }
        LOG.warn("receipt {} for {} not delivered: {}", receipt.receiptId(), receipt.eventId(),
                ((ReceiptDelivery.Unavailable) outcome).message());
        return error(503, ((ReceiptDelivery.Unavailable) outcome).message());
    }

    /**
     * A closed run cannot validate the receipt itself: its stored customer does, as the open run's validator
     * would, so a receipt for another customer is a 409 whether or not the run is still open.
     */
    private Reply toClosedRun(ReceiptApp app, Receipt receipt, String body, String state) {
        Optional<String> runCustomer = jdbi.onDemand(RunDao.class).customer(receipt.eventId());
        if (receipt.customerId() != null && runCustomer.isPresent() && !runCustomer.get().equals(receipt.customerId())) {
            return error(409, "receipt " + receipt.receiptId() + " names customer " + receipt.customerId()
                    + ", the run's customer is " + runCustomer.get());
        }
        boolean fresh = store(app, receipt, body, false);
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
    private boolean store(ReceiptApp app, Receipt receipt, String body, boolean beforeEvent) {
        return jdbi.onDemand(ReceiptDao.class).insertIfAbsent(new StoredReceipt(app.name, receipt.receiptId(),
                receipt.eventId(), receipt.status(), receipt.reasonCode(), receipt.processedAt(), receipt.deploySha(),
                receipt.customerId(), Json.write(receipt.sideEffectRefs()), body,
                Instant.ofEpochMilli(receipt.receivedAtMillis()), beforeEvent));
    }

    private static Reply awaiting(Receipt receipt, boolean duplicate) {
        return new Reply(202, answer(receipt, duplicate, AWAITING_EVENT, "accessproof has not received event "
                + receipt.eventId() + " from Stripe yet; the receipt is stored and goes to the event's run when it "
                + "starts").body());
    }

    private static Reply answer(Receipt receipt, boolean duplicate, String state, String note) {
        return new Reply(200, new Answer(true, receipt.eventId(), receipt.receiptId(), duplicate, state, note));
    }

    private static Reply error(int status, String message) {
        return new Reply(status, new ApiError(message));
    }
}
