package io.accessproof.server.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.store.sweeps.SweepRow;
import java.time.Instant;

/** A sweep as {@code GET /api/sweeps/{id}} shows it; times in ISO-8601. */
public record SweepView(
        @JsonProperty("sweep_id") String sweepId,
        @JsonProperty("periodic") boolean periodic,
        @JsonProperty("status") String status,
        @JsonProperty("since") String since,
        @JsonProperty("until") String until,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("pages") int pages,
        @JsonProperty("listed") int listed,
        @JsonProperty("already_stored") int alreadyStored,
        @JsonProperty("dispatched") int dispatched,
        @JsonProperty("error") String error) {

    static SweepView of(SweepRow row) {
        return new SweepView(row.sweepId(), row.periodic(), row.status(), iso(row.since()), iso(row.until()),
                iso(row.startedAt()), iso(row.finishedAt()), row.pages(), row.listed(), row.alreadyStored(),
                row.dispatched(), row.error());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
