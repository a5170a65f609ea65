package io.accessproof.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counters of runs per state that /api/summary reads always equal a count of the runs table. */
class RunStateCountsIntegrationTest {
    private TestStore store;
    private Jdbi jdbi;

    @BeforeEach
    void start() {
        store = TestStore.open(4);
        jdbi = store.jdbi();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void insertsUpdatesAndDeletes_manyRowsOrOne_keepTheCountersEqualToTheTable() {
        sql("INSERT INTO runs (event_id, state) SELECT 'evt_' || g, CASE WHEN g % 3 = 0 THEN 'proving' ELSE 'accepted' "
                + "END FROM generate_series(1, 300) g");
        sql("UPDATE runs SET state = 'proven' WHERE event_id IN ('evt_3', 'evt_6', 'evt_7')");
        sql("UPDATE runs SET updated_at = now() WHERE event_id = 'evt_1'");
        sql("UPDATE runs SET state = 'incident' WHERE state = 'proving' AND event_id LIKE 'evt_1%'");
        sql("DELETE FROM runs WHERE event_id IN ('evt_2', 'evt_3')");
        sql("INSERT INTO runs (event_id, state) VALUES ('evt_single', 'proven')");

        assertThat(counters()).isEqualTo(table()).containsEntry("proven", 3L);
    }

    @Test
    void writersOnSeveralConnections_counted_asTheTableSays() throws Exception {
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            int writer = w;
            writers[w] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    String id = "evt_w" + writer + "_" + i;
                    sql("INSERT INTO runs (event_id, state) VALUES ('" + id + "', 'accepted')");
                    sql("UPDATE runs SET state = 'proving' WHERE event_id = '" + id + "'");
                    sql("UPDATE runs SET state = '" + (i % 2 == 0 ? "proven" : "incident") + "' WHERE event_id = '"
                            + id + "'");
                }
            });
            writers[w].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(counters()).isEqualTo(table()).isEqualTo(Map.of("proven", 100L, "incident", 100L));
    }

    private void sql(String statement) {
        jdbi.useHandle(h -> h.execute(statement));
    }

    private Map<String, Long> counters() {
        return counts("SELECT state, sum(n) AS n FROM run_state_counts GROUP BY state HAVING sum(n) <> 0");
    }

    private Map<String, Long> table() {
        return counts("SELECT state, count(*) AS n FROM runs GROUP BY state");
    }

    private Map<String, Long> counts(String query) {
        Map<String, Long> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery(query).mapToMap()
                .forEach(row -> counts.put((String) row.get("state"), ((Number) row.get("n")).longValue())));
        return counts;
    }
}
