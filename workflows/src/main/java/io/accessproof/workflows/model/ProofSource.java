package io.accessproof.workflows.model;

import java.util.Locale;

/** What proved a run. */
public enum ProofSource {
    PROBE, RECEIPT, BOTH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
