package io.accessproof.activities.retention;

import io.accessproof.store.retention.CustomerErasure;
import io.accessproof.store.retention.RetentionDao;
import io.accessproof.workflows.retention.PurgeReport;
import io.accessproof.workflows.retention.RetentionActivities;
import io.accessproof.workflows.retention.RetentionInput;
import io.temporal.activity.Activity;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One purge pass in PostgreSQL: batch after batch, each its own transaction, until done or out of budget. */
public final class RetentionActivitiesImpl implements RetentionActivities {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionActivitiesImpl.class);
    /** Batches per pass: a pass stays well inside its activity timeout; the workflow runs the next at once. */
    static final int BATCHES_PER_PASS = 100;

    private final Jdbi jdbi;
    private final CustomerErasure erasure;
    private final Runnable heartbeat;

    public RetentionActivitiesImpl(Jdbi jdbi) {
        this(jdbi, () -> Activity.getExecutionContext().heartbeat(null));
    }

    RetentionActivitiesImpl(Jdbi jdbi, Runnable heartbeat) {
        this.jdbi = jdbi;
        this.erasure = jdbi.onDemand(CustomerErasure.class);
        this.heartbeat = heartbeat;
    }

    @Override
    public PurgeReport purge(RetentionInput input) {
        RetentionDao dao = jdbi.onDemand(RetentionDao.class);
        Budget budget = new Budget(input.batch());
        long erased = input.eraseOnCustomerDeleted() ? eraseDeletedCustomers(dao, input.batch(), budget) : 0;
        long runs = budget.drain(input.closedRuns(), keep -> () -> dao.removeClosedRuns(keep, input.batch()));
        long events = budget.drain(input.closedRuns(), keep -> () -> dao.removeEventsWithoutRuns(keep, input.batch()));
        long receipts = budget.drain(input.closedRuns(),
                keep -> () -> dao.removeReceiptsWithoutEvents(keep, input.batch()));
        long rawBodies = budget.drain(input.rawBodies(), keep -> () -> dao.dropRawBodies(keep, input.batch()));
        long audit = budget.drain(input.auditLog(), keep -> () -> dao.removeAuditEntries(keep, input.batch()));
        long jobs = budget.drain(input.closedRuns(), keep -> () -> dao.removeSweeps(keep, input.batch()))
                + budget.drain(input.closedRuns(), keep -> () -> dao.removeAudits(keep, input.batch()));
        PurgeReport report = new PurgeReport(rawBodies, runs, events, receipts, audit, erased, budget.more, jobs);
        if (rawBodies + runs + events + receipts + audit + erased + jobs > 0) {
            LOG.info("purged: {}", report);
        }
        return report;
    }

    private long eraseDeletedCustomers(RetentionDao dao, int batch, Budget budget) {
        List<String> customers = dao.deletedCustomersNotErased(batch);
        customers.forEach(customer -> {
            erasure.erase(customer);
            heartbeat.run();
        });
        budget.more |= customers.size() == batch;
        return customers.size();
    }

    /** The pass's batches: a statement that filled its batch runs again while the budget lasts. */
    private final class Budget {
        private final int batch;
        private int left = BATCHES_PER_PASS;
        /** A statement still had rows to remove when the budget ran out. */
        boolean more;

        Budget(int batch) {
            this.batch = batch;
        }

        long drain(Duration retention, LongFunction<IntSupplier> statement) {
            if (retention.isZero()) {
                return 0; // kept forever
            }
            IntSupplier next = statement.apply(retention.toSeconds());
            long total = 0;
            int removed;
            do {
                if (left == 0) {
                    more = true;
                    return total;
                }
                removed = next.getAsInt();
                total += removed;
                left--;
                heartbeat.run();
            } while (removed == batch);
            return total;
        }
    }
}
