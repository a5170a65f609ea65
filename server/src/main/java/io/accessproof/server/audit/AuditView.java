package io.accessproof.server.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An audit as {@code GET /api/audits/{id}} shows it: progress, counts, and the wrong customers (ids only). Stripe
 * does not say how many customers there are: the ETA of a running audit reckons with the last finished audit's.
 */
public record AuditView(
        @JsonProperty("audit_id") String auditId,
        @JsonProperty("status") String status,
        @JsonProperty("dry_run") boolean dryRun,
        @JsonProperty("scheduled") boolean scheduled,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("pages") int pages,
        @JsonProperty("customers") int customers,
        @JsonProperty("customers_per_second") Double customersPerSecond,
        @JsonProperty("eta_seconds") Long etaSeconds,
        @JsonProperty("counts") Counts counts,
        @JsonProperty("wrong") List<Wrong> wrong) {

    /** Customers per finding; those with nothing to assert (no subscription) are in none. */
    public record Counts(
            @JsonProperty("audited") int audited,
            @JsonProperty("right") int right,
            @JsonProperty("paid_no_access") int paidNoAccess,
            @JsonProperty("access_not_paid") int accessNotPaid,
            @JsonProperty("app_unreachable") int appUnreachable,
            @JsonProperty("cannot_verify") int cannotVerify) {
    }

    public record Wrong(@JsonProperty("customer_id") String customerId, @JsonProperty("finding") String finding,
                        @JsonProperty("detail") String detail) {
    }
}
