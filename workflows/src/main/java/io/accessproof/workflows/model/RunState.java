package io.accessproof.workflows.model;

import java.util.Locale;

/** Where a run stands. {@link #wire()} is the name used in JSON, PostgreSQL and search attributes. */
public enum RunState {
    ACCEPTED, PROVING, PROVEN, PROVEN_LATE, INCIDENT, SUPERSEDED, NOT_APPLICABLE, TERMINATED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** A closed run changes no more by itself; only an operator's retry opens it again. */
    public boolean closed() {
        return this == PROVEN || this == PROVEN_LATE || this == SUPERSEDED
                || this == NOT_APPLICABLE || this == TERMINATED;
    }
}
