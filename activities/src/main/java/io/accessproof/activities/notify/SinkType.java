package io.accessproof.activities.notify;

import java.util.Locale;

/** The kinds of sink. Paging sinks reach people, so a grouped incident does not reach them again. */
public enum SinkType {
    WEBHOOK(false), SLACK(true), PAGERDUTY(true), LOG(false);

    private final boolean pages;

    SinkType(boolean pages) {
        this.pages = pages;
    }

    public boolean pages() {
        return pages;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
