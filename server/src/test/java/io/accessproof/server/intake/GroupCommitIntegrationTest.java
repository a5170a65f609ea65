package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.StallingProxy;
import io.accessproof.store.DataSources;
import io.accessproof.store.Jdbis;
import io.accessproof.store.TestStore;
import io.accessproof.store.events.StoredEvent;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events stored together: each caller gets the answer a lone insert gives, and a refused row fails alone. */
class GroupCommitIntegrationTest {
    private TestStore store;
    private Jdbi jdbi;
    private GroupCommit commits;
    private final ExecutorService requests = Executors.newFixedThreadPool(32);

    @BeforeEach
    void start() {
        store = TestStore.open(2);
        jdbi = store.jdbi();
        commits = new GroupCommit(jdbi, 1, 64);
        commits.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        requests.shutdownNow();
        commits.stop();
        store.close();
    }

    @Test
    void concurrentEventsAndRedeliveries_eachAnsweredAsALoneInsertWould() throws Exception {
        List<Future<Boolean>> first = submitAll(200, "evt_g");
        List<Future<Boolean>> again = submitAll(200, "evt_g");

        assertThat(answers(first)).containsOnly(true).hasSize(200);
        assertThat(answers(again)).containsOnly(false).hasSize(200);
        assertThat(count("SELECT count(*) FROM stripe_events")).isEqualTo(200);
        assertThat(count("SELECT sum(delivery_count) FROM stripe_events")).isEqualTo(400);
    }

    @Test
    void theSameEventTwiceAtOnce_isStoredOnceAndCountedTwice() throws Exception {
        List<Future<Boolean>> copies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            copies.add(requests.submit(() -> commits.store(event("evt_same", "{}"))));
        }

        assertThat(answers(copies)).containsOnlyOnce(true).hasSize(40);
        assertThat(count("SELECT delivery_count FROM stripe_events WHERE event_id = 'evt_same'")).isEqualTo(40);
    }

    @Test
    void aRowPostgresRefuses_failsOnlyItsOwnRequest() throws Exception {
        List<Future<Boolean>> good = submitAll(50, "evt_ok");
        // jsonb refuses the NUL character: this row can never be stored.
        Future<Boolean> poison = requests.submit(() -> commits.store(event("evt_poison", "{\"a\":\"\\u0000\"}")));
        List<Future<Boolean>> more = submitAll(50, "evt_ok_late");

        assertThatThrownBy(poison::get).hasCauseInstanceOf(JdbiException.class);
        assertThat(answers(good)).containsOnly(true).hasSize(50);
        assertThat(answers(more)).containsOnly(true).hasSize(50);
        assertThat(count("SELECT count(*) FROM stripe_events")).isEqualTo(100);
    }

    @Test
    void postgresUnreachable_failsTheWholeBatchAtOnce_notRowByRow() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        attempts.incrementAndGet();
                        throw new SQLTransientConnectionException("Connection is not available");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        GroupCommit unreachable = new GroupCommit(Jdbis.create(down), 1, 64);
        List<Future<Boolean>> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = "evt_down" + i;
            queued.add(requests.submit(() -> unreachable.store(event(id, "{}"))));
        }
        Eventually.await(Duration.ofSeconds(10), "20 requests waiting for one commit", () -> unreachable.waiting() == 20);
        unreachable.start();

        for (Future<Boolean> request : queued) {
            assertThatThrownBy(request::get).hasCauseInstanceOf(JdbiException.class);
        }
        assertThat(attempts).hasValue(1);
        unreachable.stop();
    }

    private List<Future<Boolean>> submitAll(int n, String prefix) {
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            Callable<Boolean> store = () -> commits.store(event(id, "{\"id\":\"" + id + "\"}"));
            answers.add(requests.submit(store));
        }
        return answers;
    }

    private static List<Boolean> answers(List<Future<Boolean>> futures) throws Exception {
        List<Boolean> answers = new ArrayList<>();
        for (Future<Boolean> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void aDatabaseThatStalls_answersUnavailableWithinTheLimit_andTheRetryIsADuplicateNotALoss() throws Exception {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)")
                .matcher(store.db().jdbcUrl());
        assertThat(url.matches()).as(store.db().jdbcUrl()).isTrue();
        try (StallingProxy proxy = new StallingProxy(url.group(1), Integer.parseInt(url.group(2)));
             HikariDataSource viaProxy = DataSources.pool("stall", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"
                     + url.group(3), store.db().user(), store.db().password(), 2, Duration.ofSeconds(2))) {
            GroupCommit stalling = new GroupCommit(Jdbis.create(viaProxy), 1, 64, Duration.ofSeconds(1));
            stalling.start();
            try {
                assertThat(stalling.store(event("evt_stall_0", "{}"))).isTrue();
                proxy.stall();

                Throwable refused = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> catchThrowable(() -> stalling.store(event("evt_stall_1", "{}"))),
                        "a stalled database must not hold the request");
                assertThat(refused).isInstanceOf(JdbiException.class)
                        .hasStackTraceContaining("PostgreSQL did not commit within 1000 ms");

                proxy.resume();
                stalling.store(event("evt_stall_1", "{}")); // Stripe's retry
                int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM stripe_events "
                        + "WHERE event_id = 'evt_stall_1'").mapTo(Integer.class).one());
                assertThat(rows).as("stored once, by the stalled statement or the retry").isEqualTo(1);
            } finally {
                stalling.stop();
            }
        }
    }

    private static StoredEvent event(String id, String payload) {
        return new StoredEvent(id, "invoice.paid", null, false, "2025-03-31.basil", Instant.ofEpochSecond(1_780_000_000L),
                "invoice", "in_" + id, "cus_1", "sub_1", false, "webhook", payload,
                payload.getBytes(StandardCharsets.UTF_8), null);
    }
}
