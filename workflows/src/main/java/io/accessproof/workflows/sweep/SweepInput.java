package io.accessproof.workflows.sweep;

import java.time.Duration;
import java.util.List;

/**
 * What a sweep lists, from configuration.
 *
 * @param every      how often the periodic sweep passes
 * @param overlap    how far back before its cursor a periodic pass starts again (Stripe's list is eventually
 *                   consistent)
 * @param backfill   how far back the first periodic pass looks
 * @param settle     events younger than this are left to their webhook (delivered within seconds) until next pass
 * @param types      the event types that start runs
 * @param sweepId    set for a sweep started by hand, which is one pass from {@code sinceEpoch}; null for the periodic one
 * @param sinceEpoch where a sweep by hand starts (epoch seconds)
 */
public record SweepInput(Duration every, Duration overlap, Duration backfill, Duration settle, List<String> types,
                         String sweepId, Long sinceEpoch) {
    public SweepInput {
        types = List.copyOf(types);
    }

    public boolean byHand() {
        return sweepId != null;
    }
}
