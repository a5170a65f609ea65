package io.accessproof.server.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;

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

    static final String COLUMNS = "sweep_id, periodic, CASE WHEN error IS NOT NULL THEN 'failed' "
            + "WHEN finished_at IS NOT NULL THEN 'done' ELSE 'running' END AS status, since, until, started_at, "
            + "finished_at, pages, listed, already_stored, dispatched, error";
}
