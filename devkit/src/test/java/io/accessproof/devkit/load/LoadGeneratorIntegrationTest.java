package io.accessproof.devkit.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.accessproof.devkit.stripe.Signer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generator against a small receiver on a free loopback port that answers by request number. */
class LoadGeneratorIntegrationTest {
    private static final String SECRET = "whsec_loadgen_test";
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/webhooks/stripe", this::webhook);
        server.createContext("/receipts", exchange -> answer(exchange, 404));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    /** Request n: the 10th hangs past the timeout, else n % 5 == 0 gets 400, n % 7 == 0 gets 503, the rest 200. */
    private void webhook(HttpExchange exchange) throws IOException {
        String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
        if (!Signer.verify(signature, payload, SECRET, System.currentTimeMillis() / 1000, 300)) {
            answer(exchange, 401);
            return;
        }
        int n = requests.incrementAndGet();
        if (n == 10) {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = n % 5 == 0 ? 400 : n % 7 == 0 ? 503 : 200;
        if (status == 200) {
            verified.add(new ObjectMapper().readTree(payload).path("id").asText());
        }
        answer(exchange, status);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        try (exchange) {
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void everyRequestEndsInExactlyOneOutcome_andTheLedgerBalances() throws Exception {
        LoadGenerator generator = new LoadGenerator(LoadGenerator.Options.of(url("/webhooks/stripe"), SECRET)
                .withTimeout(Duration.ofMillis(800)));

        LoadResult result = generator.run("test", Schedule.constant(50, Duration.ofMillis(800)),
                EventTemplates.bundled().cycling(EventTemplates.TYPES));

        Ledger ledger = result.ledger();
        assertThat(ledger.sentCount()).isEqualTo(40);
        assertThat(ledger.timeouts()).isEqualTo(1);
        assertThat(ledger.clientErrors()).isEqualTo(7);
        assertThat(ledger.count(503)).isEqualTo(4);
        assertThat(ledger.ok()).isEqualTo(28);
        assertThat(ledger.balances()).isTrue();
        assertThat(ledger.hadErrors()).isTrue();
        assertThat(ledger.acceptedIds()).isSubsetOf(verified).hasSize((int) ledger.ok());
        assertThat(result.latencyMicros().getTotalCount()).isEqualTo(40);
        assertThat(result.summary()).contains("balanced", "2xx ids not checked");
    }

    @Test
    void aMissingAcceptedEvent_voidsTheRun() throws Exception {
        LoadResult result = new LoadGenerator(LoadGenerator.Options.of(url("/webhooks/stripe"), SECRET))
                .run("test", Schedule.burst(3, Duration.ZERO), EventTemplates.bundled().cycling(EventTemplates.TYPES));

        result.ledger().stored(result.ledger().acceptedIds().stream().limit(1).toList());

        assertThat(result.ledger().valid()).isFalse();
        assertThat(result.summary()).contains("MISSING", "RUN VOID");
    }

    @Test
    void receiptsEndpointAnswering404_stopsTheReceiptsAndSaysSo() throws Exception {
        try (ReceiptPlayer receipts = new ReceiptPlayer(new ReceiptPlayer.Options(url("/receipts"), "arsec_test",
                Duration.ofMillis(10), 0.5, 0.2))) {
            LoadResult result = new LoadGenerator(LoadGenerator.Options.of(url("/webhooks/stripe"), SECRET))
                    .run("test", Schedule.constant(40, Duration.ofMillis(500)),
                            EventTemplates.bundled().cycling(EventTemplates.TYPES), receipts, p -> { }, Duration.ofSeconds(1));
            receipts.awaitQuiet(Duration.ofSeconds(10));

            assertThat(result.ledger().balances()).isTrue();
            assertThat(receipts.endpointMissing()).isTrue();
            assertThat(receipts.sent()).isLessThan(result.ledger().sentCount());
            assertThat(receipts.toString()).contains("404");
        }
    }
}
