package io.accessproof.activities.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry of an incident's {@code notified} list: a sink's attempt, or a decision that applies to the
 * whole incident (its group). Entries are only ever appended.
 *
 * @param sink   the sink's configured name; null for a group decision
 * @param status the HTTP status the sink answered, when it answered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(String sink, String type, String action, String outcome, Integer status, String error,
        String groupKey, String groupedInto, Instant at) {
    /** The receiver answered 2xx (or a log line was written). */
    public static final String SENT = "sent";
    /** The receiver could not be reached or answered 408, 429 or 5xx: Temporal retries. */
    public static final String FAILED = "failed";
    /** The receiver answered another 4xx (or 3xx): a retry cannot help, so it is not retried. */
    public static final String REJECTED = "rejected";
    /** Shadow mode: the sink would have been called. */
    public static final String SUPPRESSED_BY_SHADOW = "shadow";
    /** The incident leads its group: paging sinks are called for it. */
    public static final String GROUP_LEADER = "group_leader";
    /** The incident joined an open group: paging sinks are not called again. */
    public static final String GROUPED = "grouped";

    static Attempt of(SinkSpec sink, NotifyAction action, String outcome, Integer status, String error, Instant at) {
        return new Attempt(sink.name(), sink.type().wire(), action.wire(), outcome, status, error, null, null, at);
    }

    static Attempt groupDecision(String groupKey, String groupedInto, Instant at) {
        return new Attempt(null, null, NotifyAction.OPEN.wire(), groupedInto == null ? GROUP_LEADER : GROUPED,
                null, null, groupKey, groupedInto, at);
    }

    boolean isGroupDecision() {
        return GROUPED.equals(outcome) || GROUP_LEADER.equals(outcome);
    }
}
