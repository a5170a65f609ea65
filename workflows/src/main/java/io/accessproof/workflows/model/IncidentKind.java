package io.accessproof.workflows.model;

import java.util.Locale;

/** The kinds of incident; at most one open incident per run. */
public enum IncidentKind {
    ACCESS_NOT_GRANTED, ACCESS_NOT_REVOKED, RECEIPT_FAILED, RECEIPT_CONTRADICTED, EVENT_NEVER_DELIVERED, DRIFT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
