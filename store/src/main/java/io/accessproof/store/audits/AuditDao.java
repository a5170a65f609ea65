package io.accessproof.store.audits;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code audits} and {@code audit_findings} tables. */
@RegisterConstructorMapper(AuditRow.class)
@RegisterConstructorMapper(AuditDao.WrongCustomer.class)
public interface AuditDao {
    String SELECT = """
            SELECT a.audit_id, a.status, a.dry_run, a.scheduled, a.started_at, a.finished_at, a.pages, a.customers,
                   a.audited, a.right_access, a.paid_no_access, a.access_not_paid, a.app_unreachable, a.cannot_verify,
                   (SELECT p.customers FROM audits p WHERE p.status = 'done' AND p.audit_id <> a.audit_id
                    ORDER BY p.finished_at DESC LIMIT 1) AS last_customers
            FROM audits a""";

    /** A customer an audit found with the wrong access, and what it found. */
    record WrongCustomer(String customerId, String finding, String detail) {
    }

    @SqlQuery(SELECT + " WHERE a.audit_id = :id")
    Optional<AuditRow> find(@Bind("id") String auditId);

    @SqlQuery(SELECT + " ORDER BY a.started_at DESC LIMIT :limit")
    List<AuditRow> latest(@Bind("limit") int limit);

    /** The audit that finished last: how many customers are wrong right now, as far as accessproof knows. */
    @SqlQuery(SELECT + " WHERE a.status = 'done' ORDER BY a.finished_at DESC LIMIT 1")
    Optional<AuditRow> latestFinished();

    /** Audits still running, each with whether it is a dry run. */
    @SqlQuery(SELECT + " WHERE a.status = 'running'")
    List<AuditRow> running();

    @SqlQuery("""
            SELECT customer_id, finding, detail FROM audit_findings
            WHERE audit_id = :id AND finding IN ('paid_no_access', 'access_not_paid')
            ORDER BY customer_id LIMIT :limit""")
    List<WrongCustomer> wrongCustomers(@Bind("id") String auditId, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO audits (audit_id, dry_run, scheduled) VALUES (:id, :dryRun, :scheduled) "
            + "ON CONFLICT (audit_id) DO NOTHING")
    boolean create(@Bind("id") String auditId, @Bind("dryRun") boolean dryRun, @Bind("scheduled") boolean scheduled);

    @SqlQuery("SELECT status FROM audits WHERE audit_id = :id")
    Optional<String> status(@Bind("id") String auditId);

    @SqlQuery("SELECT cursor FROM audits WHERE audit_id = :id")
    String cursor(@Bind("id") String auditId);

    /**
     * Adds a page's counts and moves the cursor, only from the cursor the page started at: a page retried after
     * its transaction committed counts nothing twice. Returns whether this call applied it.
     */
    @SqlUpdate("UPDATE audits SET cursor = :next, pages = pages + 1, customers = customers + :customers, "
            + "audited = audited + :audited, right_access = right_access + :right, "
            + "paid_no_access = paid_no_access + :paidNoAccess, access_not_paid = access_not_paid + :accessNotPaid, "
            + "app_unreachable = app_unreachable + :unreachable, cannot_verify = cannot_verify + :cannotVerify, "
            + "updated_at = now() WHERE audit_id = :id AND status = 'running' AND cursor IS NOT DISTINCT FROM :from")
    boolean advance(@Bind("id") String auditId, @Bind("from") String from, @Bind("next") String next,
                    @Bind("customers") int customers, @Bind("audited") int audited, @Bind("right") int right,
                    @Bind("paidNoAccess") int paidNoAccess, @Bind("accessNotPaid") int accessNotPaid,
                    @Bind("unreachable") int unreachable, @Bind("cannotVerify") int cannotVerify);

    @SqlBatch("INSERT INTO audit_findings (audit_id, customer_id, finding, detail) VALUES (:id, :customer, :finding, "
            + ":detail) ON CONFLICT (audit_id, customer_id) DO NOTHING")
    void record(@Bind("id") String auditId, @Bind("customer") Iterable<String> customers,
                @Bind("finding") Iterable<String> findings, @Bind("detail") Iterable<String> details);

    @SqlUpdate("UPDATE audits SET status = 'done', finished_at = now(), updated_at = now() "
            + "WHERE audit_id = :id AND status = 'running'")
    void finish(@Bind("id") String auditId);

    /** Cancels a running audit; its workflow stops at its next page. Returns whether it was running. */
    @SqlUpdate("UPDATE audits SET status = 'cancelled', finished_at = now(), updated_at = now() "
            + "WHERE audit_id = :id AND status = 'running'")
    boolean cancel(@Bind("id") String auditId);
}
