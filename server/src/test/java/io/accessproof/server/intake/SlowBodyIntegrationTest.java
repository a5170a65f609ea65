package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sender that dribbles its body a byte at a time is cut off within seconds (the connector's minimum data
 * rate), and a normal sender is served meanwhile. The dribbling client paces its own bytes: that is the
 * behaviour under test, not a wait for a condition.
 */
class SlowBodyIntegrationTest {
    private static TestPostgres.Database db;
    private static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.freshDatabase();
        app = TestApp.start(db, ConfigOverride.config("temporal.worker", "false"));
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    @Test
    void dribblingBody_isCutOffWithinSeconds_whileANormalSenderIsServed() throws Exception {
        int port = Integer.parseInt(app.url("").replaceAll(".*:(\\d+)$", "$1"));
        long started = System.nanoTime();
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Stripe-Signature: t=" + Instant.now().getEpochSecond() + ",v1=" + "a".repeat(64) + "\r\n"
                    + "Content-Length: 5000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread dribbler = new Thread(() -> dribble(out));
            dribbler.setDaemon(true);
            dribbler.start();

            assertThat(app.postSignedEvent(normalEvent()).statusCode()).as("the normal sender is served").isEqualTo(200);

            InputStream in = socket.getInputStream();
            answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(answer).as("the dribbler is answered 408").isEqualTo("HTTP/1.1 408");
        assertThat(seconds).as("cut off long before its 5,000 bytes would have arrived").isLessThan(20);
    }

    private static void dribble(OutputStream out) {
        try {
            for (int i = 0; i < 5000; i++) {
                out.write('{');
                out.flush();
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        } catch (SocketException closed) {
            // the server hung up: what the test expects
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String normalEvent() {
        return "{\"id\":\"evt_slow_" + System.nanoTime() + "\",\"object\":\"event\",\"type\":\"customer.subscription.created\","
                + "\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"sub_slow\",\"object\":\"subscription\",\"customer\":\"cus_slow\","
                + "\"status\":\"active\"}}}";
    }
}
