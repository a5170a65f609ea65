package io.accessproof.activities.notify;

import java.time.Duration;

/**
 * @param shadow      record and show incidents, call no sink (to tune deadlines before paging anyone)
 * @param groupWindow incidents with one group key opened within this window of the group's first page once
 */
public record NotificationSettings(boolean shadow, Duration groupWindow) {
    public static final Duration DEFAULT_GROUP_WINDOW = Duration.ofMinutes(15);

    public NotificationSettings {
        groupWindow = groupWindow == null ? DEFAULT_GROUP_WINDOW : groupWindow;
    }
}
