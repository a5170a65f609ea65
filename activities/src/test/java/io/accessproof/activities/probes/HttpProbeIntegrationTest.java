package io.accessproof.activities.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.Observation;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProbeIntegrationTest {
    private HttpServer app;
    private ExecutorService executor;
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> seenPaths = new CopyOnWriteArrayList<>();
    private final List<String> seenAuthorization = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startApp() throws IOException {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        app.setExecutor(executor);
        app.createContext("/access/", exchange -> {
            seenPaths.add(exchange.getRequestURI().getRawPath());
            seenAuthorization.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String id = exchange.getRequestURI().getPath().substring("/access/".length());
            switch (id) {
                case "cus_unknown" -> answer(exchange, 404, "{\"error\":\"not found\"}", null);
                case "cus_broken" -> answer(exchange, 500, "oops", null);
                case "cus_html" -> answer(exchange, 200, "<html>hi</html>", null);
                case "cus_dribble" -> dribble(exchange);
                case "cus_slow" -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    answer(exchange, 200, "{}", null);
                }
                default -> answer(exchange, 200,
                        "{\"customer_id\":\"" + id + "\",\"plan\":\"pro\",\"active\":true,\"features\":[\"seats\",\"sso\"]}",
                        "abc1234");
            }
        });
        app.createContext("/v2/customers/", exchange -> answer(exchange, 200,
                "{\"data\":{\"subscription\":{\"tier\":\"team\",\"status\":\"active\"},\"features\":\"a, b\"},\"meta\":{\"sha\":\"def5678\"}}",
                null));
        app.start();
    }

    @AfterEach
    void stopApp() {
        release.countDown();
        app.stop(0);
        executor.shutdownNow();
    }

    /** Headers at once, then a byte of the body every 100 ms until the test ends: it never completes. */
    private void dribble(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 100_000);
        try {
            while (!release.await(100, TimeUnit.MILLISECONDS)) {
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
            }
        } catch (InterruptedException | IOException e) {
            // the probe gave up and hung up, or the test ended
        }
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String body, String sha) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (sha != null) {
            exchange.getResponseHeaders().add("X-Deploy-Sha", sha);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String base() {
        return "http://127.0.0.1:" + app.getAddress().getPort();
    }

    private HttpProbe probe(String path, Duration requestTimeout) {
        return new HttpProbe(new HttpProbeConfig(base() + path, Map.of("Authorization", "Bearer s3cret-token"),
                null, null, "/features", null, null, Duration.ofSeconds(2), requestTimeout));
    }

    @Test
    void answer200_readsPlanActiveFeaturesAndShaHeader_withEncodedIdAndHeaders() {
        Observation o = probe("/access/{customer_id}", Duration.ofSeconds(5)).observe("cus 1/x");

        assertThat(o.reachable()).isTrue();
        assertThat(o.plan()).isEqualTo("pro");
        assertThat(o.active()).isTrue();
        assertThat(o.features()).containsExactly("seats", "sso");
        assertThat(o.deploySha()).isEqualTo("abc1234");
        assertThat(o.observedAtMillis()).isPositive();
        assertThat(seenPaths).containsExactly("/access/cus%201%2Fx");
        assertThat(seenAuthorization).containsExactly("Bearer s3cret-token");
        assertThat(o.detail()).contains("200").doesNotContain("s3cret");
    }

    @Test
    void customPointers_readNestedValues_andShaFromBodyWhenNoHeader() {
        HttpProbe probe = new HttpProbe(new HttpProbeConfig(base() + "/v2/customers/{customer_id}?token=s3cret", null,
                "/data/subscription/tier", "/data/subscription/status", "/data/features", null, "/meta/sha", null, null));

        Observation o = probe.observe("cus_42");

        assertThat(o.reachable()).isTrue();
        assertThat(o.plan()).isEqualTo("team");
        assertThat(o.active()).isTrue();
        assertThat(o.features()).containsExactly("a", "b");
        assertThat(o.deploySha()).isEqualTo("def5678");
        assertThat(o.detail()).doesNotContain("s3cret");
    }

    @Test
    void answer404_meansReachableWithoutAccess() {
        Observation o = probe("/access/{customer_id}", Duration.ofSeconds(5)).observe("cus_unknown");

        assertThat(o.reachable()).isTrue();
        assertThat(o.active()).isFalse();
        assertThat(o.plan()).isNull();
        assertThat(o.detail()).startsWith("app has no record of customer cus_unknown");
    }

    @Test
    void answer500_meansUnreachable_namingTheStatus() {
        Observation o = probe("/access/{customer_id}", Duration.ofSeconds(5)).observe("cus_broken");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("500").doesNotContain("Exception").doesNotContain("s3cret");
    }

    @Test
    void bodyThatIsNotJson_meansUnreachable() {
        Observation o = probe("/access/{customer_id}", Duration.ofSeconds(5)).observe("cus_html");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("not JSON");
    }

    @Test
    void appThatNeverAnswers_timesOutAsUnreachable() {
        Observation o = probe("/access/{customer_id}", Duration.ofMillis(300)).observe("cus_slow");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("no answer within 300 ms");
    }

    @Test
    void appThatDribblesItsBody_timesOutAsUnreachable_insteadOfHoldingTheProbe() {
        Observation o = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> probe("/access/{customer_id}", Duration.ofMillis(300)).observe("cus_dribble"),
                "a body that never completes must not hold the probe past its deadline");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("no complete answer within 300 ms");
    }

    @Test
    void appThatIsDown_isUnreachable_namingTheError() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        Observation o = new HttpProbe(HttpProbeConfig.of("http://127.0.0.1:" + port + "/access/{customer_id}")).observe("cus_1");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("failed: ").contains("ConnectException").doesNotContain("\tat ");
    }

    @Test
    void templateThatIsNotAnHttpUrl_isMisconfigured() {
        for (String template : List.of("ftp://host/{customer_id}", "not a url/{customer_id}", "/access/{customer_id}",
                "http://host/access", "http://ho st/{customer_id}")) {
            assertThatThrownBy(() -> new HttpProbe(HttpProbeConfig.of(template)))
                    .as(template)
                    .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                        assertThat(f.isNonRetryable()).isTrue();
                        assertThat(f.getType()).isEqualTo(FailureType.PROBE_MISCONFIGURED.name());
                    });
        }
    }

    @Test
    void badPointerOrRestrictedHeader_isMisconfigured() {
        assertThatThrownBy(() -> new HttpProbe(new HttpProbeConfig(base() + "/access/{customer_id}", null, "plan", null,
                null, null, null, null, null)))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        f -> assertThat(f.getType()).isEqualTo(FailureType.PROBE_MISCONFIGURED.name()));
        assertThatThrownBy(() -> new HttpProbe(new HttpProbeConfig(base() + "/access/{customer_id}", Map.of("Host", "x"),
                null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        f -> assertThat(f.getType()).isEqualTo(FailureType.PROBE_MISCONFIGURED.name()));
    }
}
