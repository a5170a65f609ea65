package io.accessproof.workflows.retention;

import java.time.Duration;

/**
 * What the purge job keeps, from configuration. A zero retention keeps forever.
 *
 * @param every                  how often it purges
 * @param rawBodies              how long the signed bytes of a Stripe event are kept
 * @param closedRuns             how long a closed run (its event, timeline, receipts, resolved incidents) is kept
 * @param auditLog               how long an audit entry is kept
 * @param batch                  rows per statement: each batch is its own short transaction
 * @param eraseOnCustomerDeleted erase a customer's raw bodies and free-form fields once Stripe deletes them
 */
public record RetentionInput(Duration every, Duration rawBodies, Duration closedRuns, Duration auditLog, int batch,
                             boolean eraseOnCustomerDeleted) {
}
