package io.accessproof.workflows.audit;

/**
 * @param auditId the audit's row in {@code audits}
 * @param dryRun  record findings only: open no {@code drift} incident
 */
public record AuditInput(String auditId, boolean dryRun) {
}
