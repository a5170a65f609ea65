package io.accessproof.store.audits;

import java.time.Instant;

/** An audit's row, with the customer count of the last audit finished before it (for the ETA; null if none). */
public record AuditRow(String auditId, String status, boolean dryRun, boolean scheduled, Instant startedAt,
                       Instant finishedAt, int pages, int customers, int audited, int rightAccess, int paidNoAccess,
                       int accessNotPaid, int appUnreachable, int cannotVerify, Integer lastCustomers) {
}
