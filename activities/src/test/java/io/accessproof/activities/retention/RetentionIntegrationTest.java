package io.accessproof.activities.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.store.TestStore;
import io.accessproof.store.retention.CustomerErasure;
import io.accessproof.workflows.retention.PurgeReport;
import io.accessproof.workflows.retention.RetentionInput;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The purge pass and customer erasure against real PostgreSQL, over rows written with old timestamps: what
 * is past its retention goes, in batches; what is young, open or has an open incident stays.
 */
class RetentionIntegrationTest {
    private static final RetentionInput DEFAULTS = new RetentionInput(Duration.ofHours(1), Duration.ofDays(30),
            Duration.ofDays(90), Duration.ofDays(400), 2, false);

    private TestStore store;
    private Jdbi jdbi;
    private int heartbeats;
    private RetentionActivitiesImpl retention;

    @BeforeEach
    void start() {
        store = TestStore.open(2);
        jdbi = store.jdbi();
        retention = new RetentionActivitiesImpl(jdbi, () -> heartbeats++);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void closedRunsPastRetention_goWithTheirEventTimelineReceiptsAndIncidents_theRestStays() {
        closedRun("evt_old_1", "cus_1", "100 days", true);
        closedRun("evt_old_2", "cus_1", "95 days", true);
        closedRun("evt_old_3", "cus_2", "91 days", false);
        closedRun("evt_old_open_incident", "cus_2", "100 days", true);
        sql("UPDATE incidents SET resolved_at = NULL WHERE event_id = 'evt_old_open_incident'");
        closedRun("evt_young", "cus_3", "10 days", true);
        event("evt_old_open_run", "invoice.paid", "100 days", false, "cus_4");
        sql("INSERT INTO runs (event_id, state, started_at) VALUES ('evt_old_open_run', 'proving', now() - interval '100 days')");
        event("evt_old_ignored", "customer.updated", "100 days", true, "cus_5");
        receipt("evt_old_ignored", "rcpt_ignored", "100 days", false);
        receipt("evt_never_came", "rcpt_waiting", "100 days", true);

        PurgeReport report = retention.purge(DEFAULTS);

        assertThat(report.runs()).isEqualTo(3);
        assertThat(report.events()).isEqualTo(1);
        assertThat(report.receipts()).isEqualTo(1);
        assertThat(report.more()).isFalse();
        assertThat(ids("runs")).containsExactlyInAnyOrder("evt_old_open_incident", "evt_young", "evt_old_open_run");
        assertThat(ids("stripe_events"))
                .containsExactlyInAnyOrder("evt_old_open_incident", "evt_young", "evt_old_open_run");
        assertThat(ids("run_timeline")).containsExactlyInAnyOrder("evt_old_open_incident", "evt_young");
        assertThat(ids("receipts")).containsExactlyInAnyOrder("evt_old_open_incident", "evt_young");
        assertThat(ids("incidents")).containsExactlyInAnyOrder("evt_old_open_incident", "evt_young");
        assertThat(heartbeats).as("one heartbeat per batch").isGreaterThanOrEqualTo(4);
    }

    @Test
    void rawBodiesPastRetention_emptied_rowsAndIdsKept() {
        event("evt_raw_old", "invoice.paid", "31 days", false, "cus_1");
        event("evt_raw_young", "invoice.paid", "29 days", false, "cus_1");

        PurgeReport report = retention.purge(DEFAULTS);

        assertThat(report.rawBodies()).isEqualTo(1);
        assertThat(rawBytes("evt_raw_old")).isZero();
        assertThat(rawBytes("evt_raw_young")).isPositive();
        assertThat(ids("stripe_events")).contains("evt_raw_old");
    }

    @Test
    void auditEntriesPastRetention_removed() {
        sql("INSERT INTO audit_log (at, actor, action, target) VALUES (now() - interval '401 days', 'ops', 'retry', "
                + "'evt_a'), (now() - interval '399 days', 'ops', 'retry', 'evt_b')");

        assertThat(retention.purge(DEFAULTS).auditEntries()).isEqualTo(1);

        List<String> left = jdbi.withHandle(h -> h.createQuery("SELECT target FROM audit_log").mapTo(String.class).list());
        assertThat(left).containsExactly("evt_b");
    }

    @Test
    void endedSweepsAndAuditsPastRetention_removedWithTheirFindings_runningOnesKept() {
        sql("INSERT INTO sweeps (sweep_id, periodic, since, until, started_at, finished_at) VALUES "
                + "('swp_old', true, now(), now(), now() - interval '100 days', now() - interval '100 days'), "
                + "('swp_young', true, now(), now(), now() - interval '1 day', now() - interval '1 day')");
        sql("INSERT INTO audits (audit_id, dry_run, status, started_at, finished_at) VALUES "
                + "('aud_old', true, 'done', now() - interval '100 days', now() - interval '100 days'), "
                + "('aud_running', true, 'running', now() - interval '100 days', null)");
        sql("INSERT INTO audit_findings (audit_id, customer_id, finding, detail) VALUES "
                + "('aud_old', 'cus_1', 'right', 'x'), ('aud_running', 'cus_1', 'right', 'x')");

        PurgeReport report = retention.purge(DEFAULTS);

        assertThat(report.sweepsAndAudits()).isEqualTo(2);
        List<String> sweeps = jdbi.withHandle(h -> h.createQuery("SELECT sweep_id FROM sweeps").mapTo(String.class)
                .list());
        List<String> findings = jdbi.withHandle(h -> h.createQuery("SELECT audit_id FROM audit_findings")
                .mapTo(String.class).list());
        assertThat(sweeps).containsExactly("swp_young");
        assertThat(findings).containsExactly("aud_running");
    }

    @Test
    void aZeroRetention_keepsForever() {
        closedRun("evt_ancient", "cus_1", "3000 days", true);
        sql("INSERT INTO audit_log (at, actor, action) VALUES (now() - interval '3000 days', 'ops', 'retry')");

        PurgeReport report = retention.purge(new RetentionInput(Duration.ofHours(1), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, 2, false));

        assertThat(report).isEqualTo(new PurgeReport(0, 0, 0, 0, 0, 0, false));
        assertThat(ids("runs")).containsExactly("evt_ancient");
    }

    @Test
    void aBacklogLargerThanOnePass_reportsMore_andTheNextPassGoesOn() {
        int rows = RetentionActivitiesImpl.BATCHES_PER_PASS * 2 + 3;
        sql("INSERT INTO audit_log (at, actor, action) SELECT now() - interval '500 days', 'ops', 'retry' "
                + "FROM generate_series(1, " + rows + ")");

        PurgeReport first = retention.purge(DEFAULTS);
        PurgeReport second = retention.purge(DEFAULTS);

        assertThat(first.auditEntries()).isLessThan(rows);
        assertThat(first.more()).isTrue();
        assertThat(first.auditEntries() + second.auditEntries()).isEqualTo(rows);
        assertThat(second.more()).isFalse();
    }

    @Test
    void erasure_removesRawBodiesAndFreeFormFields_keepsIdsAndTheRun() {
        closedRun("evt_erase_1", "cus_erase", "1 day", true);
        event("evt_erase_2", "customer.updated", "1 day", true, "cus_erase");
        closedRun("evt_keep", "cus_other", "1 day", true);
        sql("INSERT INTO subscriptions (subscription_id, customer_id, status, stripe_version, object) VALUES "
                + "('sub_erase', 'cus_erase', 'active', now(), '{\"id\":\"sub_erase\",\"metadata\":{\"name\":\"Jo\"}}')");

        CustomerErasure.Erased erased = jdbi.onDemand(CustomerErasure.class).erase("cus_erase");
        CustomerErasure.Erased again = jdbi.onDemand(CustomerErasure.class).erase("cus_erase");

        assertThat(erased).isEqualTo(new CustomerErasure.Erased(2, 1, 1));
        assertThat(again).as("idempotent").isEqualTo(new CustomerErasure.Erased(0, 0, 0));
        assertThat(rawBytes("evt_erase_1")).isZero();
        assertThat(rawBytes("evt_erase_2")).isZero();
        assertThat(rawBytes("evt_keep")).isPositive();
        assertThat(text("SELECT payload::text FROM stripe_events WHERE event_id = 'evt_erase_1'"))
                .doesNotContain("jo@example.com").contains("evt_erase_1");
        assertThat(text("SELECT body::text FROM receipts WHERE event_id = 'evt_erase_1'"))
                .doesNotContain("private_ref").contains("rcpt_evt_erase_1").contains("processed");
        assertThat(text("SELECT coalesce(side_effect_refs::text, 'none') FROM receipts WHERE event_id = 'evt_erase_1'"))
                .isEqualTo("none");
        assertThat(text("SELECT body::text FROM receipts WHERE event_id = 'evt_keep'")).contains("private_ref");
        assertThat(text("SELECT object::text FROM subscriptions WHERE subscription_id = 'sub_erase'"))
                .doesNotContain("Jo").contains("cus_erase");
        assertThat(ids("runs")).contains("evt_erase_1");
    }

    @Test
    void eraseOnCustomerDeleted_erasesThatCustomerIncludingTheDeletionEvent() {
        closedRun("evt_cd_run", "cus_deleted", "1 day", true);
        event("evt_cd_deleted", "customer.deleted", "1 hour", true, "cus_deleted");

        PurgeReport off = retention.purge(DEFAULTS);
        PurgeReport on = retention.purge(new RetentionInput(Duration.ofHours(1), Duration.ofDays(30),
                Duration.ofDays(90), Duration.ofDays(400), 2, true));

        assertThat(off.erasedCustomers()).isZero();
        assertThat(on.erasedCustomers()).isEqualTo(1);
        assertThat(rawBytes("evt_cd_run")).isZero();
        assertThat(rawBytes("evt_cd_deleted")).isZero();
        assertThat(retention.purge(new RetentionInput(Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(90),
                Duration.ofDays(400), 2, true)).erasedCustomers()).as("erased once").isZero();
    }

    // ---- rows -------------------------------------------------------------------------------------------

    private void closedRun(String eventId, String customer, String age, boolean withReceipt) {
        event(eventId, "invoice.paid", age, false, customer);
        sql("INSERT INTO runs (event_id, customer_id, state, started_at, closed_at) VALUES ('" + eventId + "', '"
                + customer + "', 'proven', now() - interval '" + age + "', now() - interval '" + age + "')");
        sql("INSERT INTO run_timeline (event_id, step, state, note, at) VALUES ('" + eventId + "', 1, 'proven', "
                + "'proven', now() - interval '" + age + "')");
        sql("INSERT INTO incidents (incident_id, event_id, kind, title, evidence, opened_at, resolved_at) VALUES ('inc_"
                + eventId + "', '" + eventId + "', 'access_not_granted', 't', '{}', now() - interval '" + age
                + "', now() - interval '" + age + "')");
        if (withReceipt) {
            receipt(eventId, "rcpt_" + eventId, age, false);
        }
    }

    private void event(String eventId, String type, String age, boolean ignored, String customer) {
        sql("INSERT INTO stripe_events (event_id, type, livemode, created, received, dispatched, ignored, customer_id, "
                + "payload, raw_payload) VALUES ('" + eventId + "', '" + type + "', false, now() - interval '" + age
                + "', now() - interval '" + age + "', now() - interval '" + age + "', " + ignored + ", '" + customer
                + "', '{\"id\":\"" + eventId + "\",\"email\":\"jo@example.com\"}', "
                + "convert_to('{\"email\":\"jo@example.com\"}', 'UTF8'))");
    }

    private void receipt(String eventId, String receiptId, String age, boolean beforeEvent) {
        sql("INSERT INTO receipts (receipt_id, event_id, status, side_effect_refs, body, received_at, before_event) "
                + "VALUES ('" + receiptId + "', '" + eventId + "', 'processed', '{\"grant\":\"private_ref\"}', "
                + "'{\"event_id\":\"" + eventId + "\",\"receipt_id\":\"" + receiptId + "\",\"status\":\"processed\","
                + "\"side_effect_refs\":{\"grant\":\"private_ref\"}}', now() - interval '" + age + "', " + beforeEvent + ")");
    }

    private void sql(String statement) {
        jdbi.useHandle(h -> h.execute(statement));
    }

    private List<String> ids(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT event_id FROM " + table).mapTo(String.class).list());
    }

    private int rawBytes(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT octet_length(raw_payload) FROM stripe_events WHERE event_id = :e")
                .bind("e", eventId).mapTo(Integer.class).one());
    }

    private String text(String query) {
        return jdbi.withHandle(h -> h.createQuery(query).mapTo(String.class).one());
    }
}
