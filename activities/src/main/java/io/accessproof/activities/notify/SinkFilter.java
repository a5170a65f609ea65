package io.accessproof.activities.notify;

import java.util.Set;

/**
 * Which incidents a sink takes.
 *
 * @param kinds    incident kinds (wire names); empty takes every kind
 * @param livemode true: live events only, false: test events only, null: both. An incident whose mode is
 *                 unknown (its event never arrived) passes, so it is never silently dropped.
 */
public record SinkFilter(Set<String> kinds, Boolean livemode) {
    public static final SinkFilter ALL = new SinkFilter(Set.of(), null);

    public SinkFilter {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
    }

    public boolean accepts(String kind, Boolean incidentLivemode) {
        boolean kindOk = kinds.isEmpty() || kinds.contains(kind);
        boolean modeOk = livemode == null || incidentLivemode == null || livemode.equals(incidentLivemode);
        return kindOk && modeOk;
    }
}
