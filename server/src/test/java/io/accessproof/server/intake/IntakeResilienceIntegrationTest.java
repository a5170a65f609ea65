package io.accessproof.server.intake;

import static io.accessproof.server.intake.StripeWebhookIntegrationTest.subscriptionEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TemporalProbe;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 2xx means the event is ours whatever else is down; nothing accepted is ever lost. */
class IntakeResilienceIntegrationTest {

    @Test
    void temporalDown_eventsStillAccepted_andEveryOneGetsItsRunWhenItReturns() throws Exception {
        int temporalPort = FreePorts.next();
        TestServer.PortBoundTestServer temporal = TestServer.createPortBoundServer(temporalPort, true);
        try (TestPostgres.Database db = TestPostgres.freshDatabase();
             TestApp app = TestApp.startWith(withDatabase(db,
                     ConfigOverride.config("temporal.embedded", "false"),
                     ConfigOverride.config("temporal.target", "127.0.0.1:" + temporalPort),
                     ConfigOverride.config("temporal.worker", "false")));
             TemporalProbe probe = new TemporalProbe("127.0.0.1:" + temporalPort)) {
            temporal.close();

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = newEventId();
                ids.add(id);
                assertThat(app.postSignedEvent(subscriptionEvent(id)).statusCode()).isEqualTo(200);
            }

            temporal = TestServer.createPortBoundServer(temporalPort, true);
            for (String id : ids) {
                Eventually.await(Duration.ofSeconds(30), "run of " + id + " after Temporal returned",
                        () -> probe.runExists(id));
            }
        } finally {
            temporal.close();
        }
    }

    @Test
    void postgresDown_answers503Quickly_andAcceptsAgainOnceItReturns(@TempDir Path data) throws Exception {
        int pgPort = FreePorts.next();
        EmbeddedPostgres pg = startPostgres(pgPort, data);
        try (TestApp app = TestApp.startWith(List.of(
                ConfigOverride.config("database.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres"),
                ConfigOverride.config("database.user", "postgres"),
                ConfigOverride.config("temporal.embeddedPort", String.valueOf(FreePorts.next())),
                ConfigOverride.config("temporal.worker", "false")))) {
            assertThat(app.postSignedEvent(subscriptionEvent(newEventId())).statusCode()).isEqualTo(200);
            pg.close();

            long started = System.nanoTime();
            HttpResponse<String> down = app.postSignedEvent(subscriptionEvent(newEventId()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("retry later");
            assertThat(took).as("a 503 that Stripe can act on, not a hang").isLessThan(Duration.ofSeconds(5));

            pg = startPostgres(pgPort, data);
            String afterwards = newEventId();
            Eventually.await(Duration.ofSeconds(20), "intake accepting again",
                    () -> app.postSignedEvent(subscriptionEvent(afterwards)).statusCode() == 200);
            Jdbi jdbi = Jdbi.create("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", "");
            long stored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM stripe_events").mapTo(Long.class).one());
            assertThat(stored).isEqualTo(2);
        } finally {
            pg.close();
        }
    }

    @Test
    void afterAKill_everyStoredEventWhoseRunWasNotClosed_isStartedAgain() throws Exception {
        try (TestPostgres.Database db = TestPostgres.freshDatabase()) {
            String open = newEventId();
            String closed = newEventId();
            try (TestApp first = TestApp.start(db, ConfigOverride.config("temporal.worker", "false"));
                 TemporalProbe probe = new TemporalProbe(first.config().temporal.effectiveTarget())) {
                assertThat(first.postSignedEvent(subscriptionEvent(open)).statusCode()).isEqualTo(200);
                assertThat(first.postSignedEvent(subscriptionEvent(closed)).statusCode()).isEqualTo(200);
                Eventually.await(Duration.ofSeconds(10), "both runs started",
                        () -> probe.runExists(open) && probe.runExists(closed));
            }
            // The first process and its in-memory Temporal are gone; one run had closed before that.
            TestApp.jdbi(db).useHandle(h -> h.execute(
                    "INSERT INTO runs (event_id, state, closed_at) VALUES (?, 'proven', now())", closed));

            try (TestApp second = TestApp.start(db, ConfigOverride.config("temporal.worker", "false"));
                 TemporalProbe probe = new TemporalProbe(second.config().temporal.effectiveTarget())) {
                Eventually.await(Duration.ofSeconds(10), "open run started again", () -> probe.runExists(open));
                assertThat(probe.runExists(closed)).isFalse();
            }
        }
    }

    private static List<ConfigOverride> withDatabase(TestPostgres.Database db, ConfigOverride... extra) {
        List<ConfigOverride> all = new ArrayList<>(TestApp.databaseOverrides(db));
        all.addAll(List.of(extra));
        return all;
    }

    private static EmbeddedPostgres startPostgres(int port, Path data) throws Exception {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    private static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
