package io.accessproof.workflows.watchdog;

import java.time.Duration;
import java.util.Map;

/**
 * What the stall watchdog needs, from configuration.
 *
 * @param every           how often it looks
 * @param margin          how long past its deadline a run may still be accepted or proving
 * @param defaultDeadline the deadline of event types without one of their own
 * @param deadlines       deadline per Stripe event type
 * @param horizon         how long a run may watch at most: a lost workflow older than this is not re-driven
 *                        (null in inputs from before it existed: no limit)
 */
public record WatchdogInput(Duration every, Duration margin, Duration defaultDeadline, Map<String, Duration> deadlines,
                            Duration horizon) {
    public WatchdogInput {
        deadlines = deadlines == null ? Map.of() : Map.copyOf(deadlines);
    }
}
