package io.accessproof.activities.notify;

import java.util.Locale;

/** What a notification says happened to the incident. */
public enum NotifyAction {
    OPEN, RESOLVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
