package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile signature header over a real socket, on both signed endpoints: webhooks answer 400 and
 * receipts 401, each with the reason, never a 500, and nothing is stored. A captured webhook cannot be
 * replayed behind a fresh second {@code t}.
 */
class SignatureHeaderIntegrationTest {
    private static TestPostgres.Database db;
    private static TestApp app;
    private static Jdbi jdbi;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.freshDatabase();
        app = TestApp.start(db, ConfigOverride.config("temporal.worker", "false"));
        jdbi = TestApp.jdbi(db);
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    @ParameterizedTest
    @MethodSource("io.accessproof.server.intake.SignatureVectors#refused")
    void webhookWithHostileHeader_400WithTheReason_nothingStored(SignatureVectors.Vector vector) throws Exception {
        String id = "evt_sig_" + UUID.randomUUID().toString().replace("-", "");
        String payload = event(id);

        HttpResponse<String> response = app.post("/webhooks/stripe", payload, Map.of("Content-Type", "application/json",
                "Stripe-Signature", vector.header().build(payload, Instant.now().getEpochSecond(), TestApp.SECRET)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(vector.reason());
        assertThat(count("SELECT count(*) FROM stripe_events WHERE event_id = :id", id)).isZero();
    }

    @ParameterizedTest
    @MethodSource("io.accessproof.server.intake.SignatureVectors#refused")
    void receiptWithHostileHeader_401WithTheReason_nothingStored(SignatureVectors.Vector vector) throws Exception {
        String eventId = "evt_rsig_" + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"event_id\":\"" + eventId + "\",\"receipt_id\":\"rcpt_" + eventId + "\",\"status\":\"processed\"}";

        HttpResponse<String> response = app.post("/receipts", body, Map.of("Content-Type", "application/json",
                "Accessproof-Signature", vector.header().build(body, Instant.now().getEpochSecond(), TestApp.RECEIPT_SECRET)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).contains(vector.reason());
        assertThat(count("SELECT count(*) FROM receipts WHERE event_id = :id", eventId)).isZero();
    }

    @Test
    void reorderedButValidHeader_isAccepted() throws Exception {
        String id = "evt_sig_order_" + UUID.randomUUID().toString().replace("-", "");
        String payload = event(id);

        HttpResponse<String> response = app.post("/webhooks/stripe", payload, Map.of("Content-Type", "application/json",
                "Stripe-Signature", SignatureVectors.reordered(payload, Instant.now().getEpochSecond(), TestApp.SECRET)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(count("SELECT count(*) FROM stripe_events WHERE event_id = :id", id)).isOne();
    }

    @Test
    void headerOverJettysLimit_431OnBothEndpoints() throws Exception {
        String huge = "t=" + Instant.now().getEpochSecond() + ",v1=" + "a".repeat(64) + ",v0=" + "b".repeat(20_000);

        assertThat(app.post("/webhooks/stripe", event("evt_huge"), Map.of("Content-Type", "application/json",
                "Stripe-Signature", huge)).statusCode()).isEqualTo(431);
        assertThat(app.post("/receipts", "{}", Map.of("Content-Type", "application/json",
                "Accessproof-Signature", huge)).statusCode()).isEqualTo(431);
    }

    private static String event(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"customer.subscription.created\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"sub_sig\",\"object\":\"subscription\",\"customer\":\"cus_sig\","
                + "\"status\":\"active\"}}}";
    }

    private static long count(String sql, String id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Long.class).one());
    }
}
