package io.accessproof.workflows.outcome;

import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What reaches a run from outside (its late event, receipts, an operator's recheck), taken in by the
 * signal and update handlers. Handlers only record and wake the run; the run's own thread acts, and
 * writes the notes to the timeline in order. An operator's terminate is the exception: it writes, so it takes
 * the run's lock, which the run's thread holds except while it sleeps or waits for Stripe.
 */
final class Inbox {
    private static final Logger log = Workflow.getLogger(Inbox.class);

    private final RunProgress run;
    private final List<String> notes = new ArrayList<>();
    private final WorkflowLock lock = Workflow.newWorkflowLock();
    private boolean held;
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

    /** Sleeps on a durable timer, or less when a receipt, a recheck or an operator's terminate arrives. */
    void sleepUntilWoken(long millis) {
        released(() -> Workflow.await(Duration.ofMillis(millis), () -> wake || run.state.closed()));
        wake = false;
    }

    /** Waits for a receipt-created run's event (or its untracked type, or a terminate); false when the time ran out. */
    boolean awaitEvent(Duration timeout) {
        return released(() -> Workflow.await(timeout,
                () -> run.event != null || run.untrackedType != null || run.state.closed()));
    }

    /** Called by the run's thread once its stubs exist; from then on it holds the lock except while it waits. */
    void hold() {
        lock.lock();
        held = true;
    }

    /** Called by the run's thread when it has closed: operators' updates in flight finish before it returns. */
    void release() {
        lock.unlock();
        Workflow.await(Workflow::isEveryHandlerFinished);
    }

    <T> T released(Supplier<T> waiting) {
        lock.unlock();
        try {
            return waiting.get();
        } finally {
            lock.lock();
        }
    }

    /** Runs an operator's write between two of the run's checks. */
    <T> T whileHeld(Supplier<T> write) {
        Workflow.await(() -> held);
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
            wake = true;
        }
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
