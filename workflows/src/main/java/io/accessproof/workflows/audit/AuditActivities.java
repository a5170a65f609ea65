package io.accessproof.workflows.audit;

import io.temporal.activity.ActivityInterface;

/** The audit's work: Stripe's customers against the app, a page at a time. */
@ActivityInterface
public interface AuditActivities {

    /**
     * Audits the page of customers after the audit's stored cursor, and in one transaction stores the
     * findings, the counts and the new cursor; then, unless a dry run, opens a {@code drift} incident for each
     * wrong customer and resolves the open one of each customer found right. Idempotent per page.
     */
    AuditPage nextPage(AuditInput input);

    /** Marks the audit done. */
    void finish(String auditId);
}
