package io.accessproof.workflows.audit;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Audits every customer against Stripe right now: walks Stripe's customers a page at a time, computes the
 * access each should have from all their subscriptions, probes the app, and records who is right and who
 * is not (paid but no access, access but not paid). The cursor and the counts live in PostgreSQL after
 * every page, so an audit resumes where it stopped even when Temporal lost it, and stops at the next page
 * once cancelled there. Workflow id {@link #idOf}.
 */
@WorkflowInterface
public interface DriftAuditWorkflow {

    static String idOf(String auditId) {
        return "accessproof-audit-" + auditId;
    }

    @WorkflowMethod
    void audit(AuditInput input);
}
