package io.accessproof.server.proofs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.store.Json;
import io.accessproof.store.proofs.ProofRow;

/** One proof record as {@code GET /api/runs/{event_id}/proof} lists it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProofView(long seq, String recordedAt, String verdict, String sha256, String prevSha256,
                        JsonNode record) {

    public static ProofView of(ProofRow row) {
        return new ProofView(row.seq(), row.recordedAt().toString(), row.verdict(), row.sha256(), row.prevSha256(),
                Json.read(row.record(), JsonNode.class));
    }
}
