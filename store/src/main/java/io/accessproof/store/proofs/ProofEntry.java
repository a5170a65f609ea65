package io.accessproof.store.proofs;

import java.time.Instant;

/**
 * A proof record to append: the run's step that wrote it ({@code writer}, {@code step}: a retried step appends
 * once), the customer whose chain it joins, and the record's exact JSON text.
 */
public record ProofEntry(String eventId, String writer, int step, String customerId, String verdict,
                         Instant recordedAt, String record) {
}
