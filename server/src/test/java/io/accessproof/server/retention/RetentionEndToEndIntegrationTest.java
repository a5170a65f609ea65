package io.accessproof.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The purge job as {@code server} runs it (started by the application, durable in Temporal) and erasure
 * through the operator API and {@code ./accessproof erase}.
 */
class RetentionEndToEndIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestApp app;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        app = TestApp.start(db, ConfigOverride.config("retention.every", "1s"));
        jdbi = TestApp.jdbi(db);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void thePurgeJob_removesAClosedRunPastItsRetention_andKeepsAYoungOne() throws Exception {
        closedRun("evt_purge_old", "100 days");
        closedRun("evt_purge_young", "1 day");

        Eventually.await(Duration.ofSeconds(30), "the purge job to remove evt_purge_old",
                () -> count("SELECT count(*) FROM runs WHERE event_id = 'evt_purge_old'") == 0 ? "gone" : null);

        assertThat(count("SELECT count(*) FROM stripe_events WHERE event_id = 'evt_purge_old'")).isZero();
        assertThat(count("SELECT count(*) FROM runs WHERE event_id = 'evt_purge_young'")).isEqualTo(1);
    }

    @Test
    void erase_overTheApiAndTheCli_dropsTheCustomersRawBodies_auditedAndIdempotent() throws Exception {
        postEvent("evt_erase_api", "cus_erase_api");
        postEvent("evt_erase_cli", "cus_erase_cli");

        HttpResponse<String> erased = post("/api/customers/cus_erase_api/erase", TestApp.API_TOKEN);
        HttpResponse<String> again = post("/api/customers/cus_erase_api/erase", TestApp.API_TOKEN);
        HttpResponse<String> badId = post("/api/customers/someone/erase", TestApp.API_TOKEN);
        CliRunner.Result cli = CliRunner.run(Map.of("ACCESSPROOF_URL", app.url(""), "ACCESSPROOF_API_TOKEN",
                TestApp.API_TOKEN), "erase", "cus_erase_cli");

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(JSON.readTree(erased.body()).path("events").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(again.body()).path("events").asInt()).as("nothing left to erase").isZero();
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(cli.succeeded()).as(cli.stderr()).isTrue();
        assertThat(cli.stdout()).contains("erased cus_erase_cli: 1 events");
        assertThat(count("SELECT octet_length(raw_payload) FROM stripe_events WHERE event_id = 'evt_erase_api'")).isZero();
        assertThat(count("SELECT octet_length(raw_payload) FROM stripe_events WHERE event_id = 'evt_erase_cli'")).isZero();
        assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'erase' AND target = 'cus_erase_api'"))
                .isEqualTo(2);
    }

    private static void closedRun(String eventId, String age) {
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO stripe_events (event_id, type, livemode, created, received, dispatched, payload, "
                    + "raw_payload) VALUES (?, 'invoice.paid', false, now() - CAST(? AS interval), now() - CAST(? AS "
                    + "interval), now(), '{}', convert_to('{}', 'UTF8'))", eventId, age, age);
            h.execute("INSERT INTO runs (event_id, state, started_at, closed_at) VALUES (?, 'proven', "
                    + "now() - CAST(? AS interval), now() - CAST(? AS interval))", eventId, age, age);
        });
    }

    private static void postEvent(String eventId, String customer) throws Exception {
        String event = "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":"
                + System.currentTimeMillis() / 1000 + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"" + customer + "\",\"object\":\"customer\",\"email\":\"x@example.com\"}}}";
        assertThat(app.postSignedEvent(event).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> post(String path, String token) throws Exception {
        return app.post(path, "", Map.of("Authorization", "Bearer " + token));
    }

    private static int count(String query) {
        return jdbi.withHandle(h -> h.createQuery(query).mapTo(Integer.class).one());
    }
}
