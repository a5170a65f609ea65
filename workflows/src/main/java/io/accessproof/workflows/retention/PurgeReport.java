package io.accessproof.workflows.retention;

/**
 * One purge pass.
 *
 * @param rawBodies         raw event bodies dropped
 * @param runs              closed runs removed with their event, timeline, receipts and incidents
 * @param events            events without a run (types that start none) removed with their receipts
 * @param receipts          receipts removed whose event never came
 * @param auditEntries      audit entries removed
 * @param erasedCustomers   customers erased after Stripe deleted them
 * @param more              the pass stopped at its batch budget with rows still past their retention
 * @param sweepsAndAudits   ended sweeps and audits (with their findings) removed; they follow the closed runs
 */
public record PurgeReport(long rawBodies, long runs, long events, long receipts, long auditEntries,
                          long erasedCustomers, boolean more, long sweepsAndAudits) {

    /** A report of a pass that removed no sweep or audit. */
    public PurgeReport(long rawBodies, long runs, long events, long receipts, long auditEntries,
                       long erasedCustomers, boolean more) {
        this(rawBodies, runs, events, receipts, auditEntries, erasedCustomers, more, 0);
    }
}
