package io.accessproof.workflows;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Reads why a workflow rejected an update. Temporal Java SDK 1.38 loses the {@code ApplicationFailure}
 * type of a validator's rejection (temporalio/sdk-java#2875, fixed after 1.38): the client sees type
 * {@code io.temporal.internal.worker.WorkflowExecutionException}. Validators therefore start their
 * message with the {@link FailureType} name, and this reads the type from either place.
 */
public final class UpdateRejections {

    private UpdateRejections() {
    }

    /** The message of a rejection: "{@code TYPE: text}", so the type survives the SDK bug. */
    public static ApplicationFailure reject(FailureType type, String text) {
        return ApplicationFailure.newNonRetryableFailure(type.name() + ": " + text, type.name());
    }

    /** The failure type behind an update's exception (e.g. a {@code WorkflowUpdateException}), if any. */
    public static Optional<FailureType> failureType(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ApplicationFailure failure) {
                Optional<FailureType> type = parse(failure.getType());
                if (type.isEmpty() && failure.getOriginalMessage() != null) {
                    int colon = failure.getOriginalMessage().indexOf(':');
                    type = colon > 0 ? parse(failure.getOriginalMessage().substring(0, colon)) : Optional.empty();
                }
                if (type.isPresent()) {
                    return type;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<FailureType> parse(String name) {
        for (FailureType type : FailureType.values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
