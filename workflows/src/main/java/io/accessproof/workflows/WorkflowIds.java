package io.accessproof.workflows;

/** The business id of a run: one workflow per Stripe event, named after it. */
public final class WorkflowIds {
    private static final String PREFIX = "stripe-";

    private WorkflowIds() {
    }

    public static String forEvent(String eventId) {
        return PREFIX + eventId;
    }

    public static String eventOf(String workflowId) {
        return workflowId.startsWith(PREFIX) ? workflowId.substring(PREFIX.length()) : workflowId;
    }
}
