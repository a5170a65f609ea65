package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * What reaches a run from outside (its late event, receipts, an operator's recheck), taken in by the
 * signal and update handlers. Handlers only record and wake the run; the run's own thread acts, and
 * writes the notes to the timeline in order.
 */
final class Inbox {
    private static final Logger log = Workflow.getLogger(Inbox.class);

    private final RunProgress run;
    private final List<String> notes = new ArrayList<>();
    private boolean wake;
    private boolean recheckRequested;

    Inbox(RunProgress run) {
        this.run = run;
    }

    void eventArrived(OutcomeInput input) {
        if (run.event != null || input == null || input.event() == null) {
            return;
        }
        run.event = input.event();
        // The policy of a receipt-created run was a guess: the dispatcher's is built for the event's type.
        if (input.policy() != null) {
            run.policy = input.policy();
        }
    }

    void eventNotTracked(String eventType) {
        if (run.event == null && eventType != null) {
            run.untrackedType = eventType;
        }
    }

    void receipt(Receipt receipt) {
        ApplicationFailure rejection = ReceiptBook.rejection(receipt, run.eventId, run.customerId());
        if (rejection != null) {
            log.warn("run {} ignores a receipt: {}", run.eventId, rejection.getOriginalMessage());
            return;
        }
        accept(receipt);
    }

    ReceiptAnswer submit(Receipt receipt) {
        boolean fresh = accept(receipt);
        return new ReceiptAnswer(run.eventId, receipt.receiptId(), !fresh, run.state.wire());
    }

    void validate(Receipt receipt) {
        ApplicationFailure rejection = ReceiptBook.rejection(receipt, run.eventId, run.customerId());
        if (rejection != null) {
            throw rejection;
        }
    }

    void recheck(String requestedBy) {
        notes.add("recheck requested by " + requestedBy);
        recheckRequested = true;
        wake = true;
    }

    /** True once per operator recheck. */
    boolean takeRecheck() {
        boolean requested = recheckRequested;
        recheckRequested = false;
        return requested;
    }

    List<String> takeNotes() {
        List<String> taken = List.copyOf(notes);
        notes.clear();
        return taken;
    }

    /** Sleeps on a durable timer, or less when a receipt or a recheck arrives. */
    void sleepUntilWoken(long millis) {
        Workflow.await(Duration.ofMillis(millis), () -> wake);
        wake = false;
    }

    private boolean accept(Receipt receipt) {
        if (!run.receipts.add(receipt)) {
            return false;
        }
        notes.add(ReceiptBook.note(receipt));
        wake = true;
        return true;
    }
}
