package io.accessproof.workflows.model;

/** How the customer-visible state is read. */
public enum ProbeKind {
    HTTP, SQL,
    /** No probe: a processed receipt is the proof. */
    RECEIPT
}
