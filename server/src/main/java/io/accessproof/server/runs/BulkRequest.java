package io.accessproof.server.runs;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /api/runs/retry} and {@code /api/runs/terminate}: a filter (at least one field),
 * {@code dry_run} to see what would be touched, and for terminate a reason. Times are ISO-8601.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BulkRequest(String state, String type, String customer, String subscription, String incidentKind,
                          String deploySha, String since, String until, Boolean dryRun, String reason) {

    boolean dry() {
        return dryRun == null || dryRun;
    }
}
