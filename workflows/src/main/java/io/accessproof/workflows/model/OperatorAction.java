package io.accessproof.workflows.model;

import java.util.Locale;

/** What an operator does to a run or an incident; {@link #wire()} names it in the audit log. */
public enum OperatorAction {
    /** Closes the run as terminated and resolves its open incident. */
    TERMINATE,
    /** Marks the incident as seen by the operator; it stays open. */
    ACKNOWLEDGE,
    /** Resolves the incident by hand, with a reason and a note. */
    RESOLVE,
    /** A fresh run started from the stored event: the closed run's open incident is no longer its business. */
    RESTART;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
