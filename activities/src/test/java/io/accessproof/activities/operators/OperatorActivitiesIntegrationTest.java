package io.accessproof.activities.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.store.Json;
import io.accessproof.store.TestStore;
import io.accessproof.workflows.model.OperatorAnswer;
import io.accessproof.workflows.model.OperatorAnswer.Result;
import io.accessproof.workflows.model.OperatorRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An operator's change and its audit line, written together against PostgreSQL, once per activity. */
class OperatorActivitiesIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private static final AtomicReference<String> ATTEMPT = new AtomicReference<>();

    private static TestStore database;
    private static Jdbi jdbi;
    private static OperatorActivitiesImpl operator;

    @BeforeAll
    static void database() {
        database = TestStore.open(2);
        jdbi = database.jdbi();
        operator = new OperatorActivitiesImpl(jdbi, CLOCK, ATTEMPT::get);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void terminate_closesTheRunResolvesItsIncidentNotesAndAuditsInOneGo() {
        run("evt_t1", "incident");
        incident("inc_t1", "evt_t1");
        ATTEMPT.set("wf-1/run-1/1");

        OperatorAnswer answer = operator.apply(OperatorRequest.terminate("evt_t1", "bad deploy", "ops@example.com"));

        assertThat(answer).isEqualTo(new OperatorAnswer(Result.DONE, "terminated", "inc_t1", false));
        assertThat(value("SELECT state FROM runs WHERE event_id = 'evt_t1'")).isEqualTo("terminated");
        assertThat(value("SELECT resolved_how || ': ' || resolved_note FROM incidents WHERE incident_id = 'inc_t1'"))
                .isEqualTo("terminated: bad deploy");
        assertThat(value("SELECT writer || ' ' || state || ': ' || note FROM run_timeline WHERE event_id = 'evt_t1'"))
                .isEqualTo("operator terminated: terminated by ops@example.com: bad deploy");
        assertThat(audit("evt_t1")).containsExactly(Map.of("action", "run.terminate", "actor", "ops@example.com",
                "reason", "bad deploy"));
    }

    @Test
    void anAttemptRetriedAfterItsCommit_answersTheSameAndAuditsOnce() {
        run("evt_t2", "proving");
        ATTEMPT.set("wf-2/run-2/1");
        OperatorAnswer first = operator.apply(OperatorRequest.terminate("evt_t2", "duplicate", "ops@example.com"));

        OperatorAnswer retried = operator.apply(OperatorRequest.terminate("evt_t2", "duplicate", "ops@example.com"));

        assertThat(retried).isEqualTo(first).extracting(OperatorAnswer::result).isEqualTo(Result.DONE);
        assertThat(audit("evt_t2")).hasSize(1);
        ATTEMPT.set("wf-3/run-3/1");
        assertThat(operator.apply(OperatorRequest.terminate("evt_t2", "again", "ops@example.com")).result())
                .isEqualTo(Result.ALREADY_CLOSED);
        assertThat(audit("evt_t2")).hasSize(1);
    }

    @Test
    void terminateOfAnUnknownOrClosedRun_writesNothing() {
        run("evt_t3", "proven");
        ATTEMPT.set("wf-4/run-4/1");

        assertThat(operator.apply(OperatorRequest.terminate("evt_nope", "x", "ops@example.com")).result())
                .isEqualTo(Result.NOT_FOUND);
        OperatorAnswer closed = operator.apply(OperatorRequest.terminate("evt_t3", "x", "ops@example.com"));

        assertThat(closed.result()).isEqualTo(Result.ALREADY_CLOSED);
        assertThat(closed.runState()).isEqualTo("proven");
        assertThat(value("SELECT state FROM runs WHERE event_id = 'evt_t3'")).isEqualTo("proven");
        assertThat(audit("evt_t3")).isEmpty();
    }

    @Test
    void restart_resolvesTheClosedRunsIncidentAndTakesTheEventOutOfQuarantine() {
        run("evt_t4", "incident");
        incident("inc_t4", "evt_t4");
        jdbi.useHandle(h -> h.execute("UPDATE stripe_events SET quarantined = now(), dispatch_failures = 10 "
                + "WHERE event_id = 'evt_t4'"));
        ATTEMPT.set("wf-5/run-5/1");

        OperatorAnswer answer = operator.apply(OperatorRequest.restart("evt_t4", "ops@example.com"));

        assertThat(answer.resolvedIncidentId()).isEqualTo("inc_t4");
        assertThat(value("SELECT resolved_how || ': ' || resolved_note FROM incidents WHERE incident_id = 'inc_t4'"))
                .isEqualTo("retried: run restarted by ops@example.com");
        assertThat(value("SELECT (quarantined IS NULL)::text FROM stripe_events WHERE event_id = 'evt_t4'"))
                .isEqualTo("true");
        assertThat(audit("evt_t4")).containsExactly(Map.of("action", "run.retry", "actor", "ops@example.com",
                "result", "restarted"));
    }

    @Test
    void acknowledgeThenResolve_onceEach_aSecondTimeIsNotOpen() {
        run("evt_t5", "incident");
        incident("inc_t5", "evt_t5");
        ATTEMPT.set(null);

        assertThat(operator.apply(OperatorRequest.acknowledge("inc_t5", "evt_t5", "ops@example.com")).result())
                .isEqualTo(Result.DONE);
        assertThat(operator.apply(OperatorRequest.acknowledge("inc_t5", "evt_t5", "ops@example.com")).result())
                .isEqualTo(Result.NOT_OPEN);
        OperatorAnswer resolved = operator.apply(
                OperatorRequest.resolve("inc_t5", "evt_t5", "false_alarm", "app was right", "ops@example.com"));
        assertThat(operator.apply(
                OperatorRequest.resolve("inc_t5", "evt_t5", "fixed", "again", "ops@example.com")).result())
                .isEqualTo(Result.NOT_OPEN);
        assertThat(operator.apply(OperatorRequest.acknowledge("inc_nope", null, "ops@example.com")).result())
                .isEqualTo(Result.NOT_FOUND);

        assertThat(resolved.resolvedIncidentId()).isEqualTo("inc_t5");
        assertThat(value("SELECT resolved_how || '/' || resolved_reason || ': ' || resolved_note || ' by ' "
                + "|| acknowledged_by FROM incidents WHERE incident_id = 'inc_t5'"))
                .isEqualTo("manual/false_alarm: app was right by ops@example.com");
        assertThat(audit("inc_t5")).extracting(a -> a.get("action")).containsExactly("incident.ack", "incident.resolve");
    }

    private static void run(String eventId, String state) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO stripe_events (event_id, type, livemode, created, payload, raw_payload) VALUES "
                    + "(?, 'customer.subscription.updated', false, now(), '{}', '{}'::bytea)", eventId);
            h.execute("INSERT INTO runs (event_id, state) VALUES (?, ?)", eventId, state);
        });
    }

    private static void incident(String incidentId, String eventId) {
        jdbi.useHandle(h -> h.execute("INSERT INTO incidents (incident_id, event_id, kind, title, evidence) "
                + "VALUES (?, ?, 'access_not_granted', 'Customer access did not change', '{}')", incidentId, eventId));
    }

    private static String value(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    private static List<Map<String, Object>> audit(String target) {
        return jdbi.withHandle(h -> h.createQuery("SELECT action, actor, detail FROM audit_log WHERE target = :t ORDER BY id")
                .bind("t", target).map((rs, ctx) -> {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("action", rs.getString("action"));
                    line.put("actor", rs.getString("actor"));
                    Json.read(rs.getString("detail"), Map.class).forEach((k, v) -> line.put((String) k, v));
                    return line;
                }).list());
    }
}
