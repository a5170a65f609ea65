package io.accessproof.store.proofs;

import java.time.Instant;

/**
 * One stored proof record: {@code record} is the exact JSON text that was hashed, {@code sha256} the hex SHA-256
 * of {@code prev_sha256 + "\n" + record} (the empty string before a customer's first record).
 */
public record ProofRow(long seq, String eventId, String customerId, String verdict, Instant recordedAt, String record, String sha256,
                       String prevSha256) {
}
