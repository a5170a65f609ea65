package io.accessproof.workflows;

/** Task queue names shared by workers and clients. */
public final class TaskQueues {
    public static final String OUTCOME = "accessproof-outcome";
    /**
     * Reconcile only: its activities wait for Stripe permits, and on a queue of their own they never take
     * the slots that the cheap store and probe activities need.
     */
    public static final String STRIPE = "accessproof-stripe";

    private TaskQueues() {
    }
}
