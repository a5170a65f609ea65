package io.accessproof.workflows;

/** Task queue names shared by workers and clients. */
public final class TaskQueues {
    public static final String OUTCOME = "accessproof-outcome";

    private TaskQueues() {
    }
}
