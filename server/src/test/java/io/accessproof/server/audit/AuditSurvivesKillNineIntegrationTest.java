package io.accessproof.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accessproof.devkit.demoapp.DemoApp;
import io.accessproof.devkit.demoapp.DemoAppOptions;
import io.accessproof.devkit.stripe.EmulatorOptions;
import io.accessproof.devkit.stripe.StripeEmulator;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TestApp;
import io.accessproof.server.support.TestMain;
import io.accessproof.store.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A drift audit survives a kill -9 of the service mid-way: {@code server} runs as its own JVM with the in-memory
 * Temporal, is killed (SIGKILL) after its audit's first page, and started again; the audit resumes from its
 * cursor and ends with every customer counted once.
 */
class AuditSurvivesKillNineIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CUSTOMERS = 300;

    @Test
    void killedAfterTheFirstPage_theAuditResumesFromItsCursor_andCountsEveryCustomerOnce() throws Exception {
        try (TestPostgres.Database db = TestPostgres.freshDatabase();
             StripeEmulator emulator = StripeEmulator.start(new EmulatorOptions(0, 7L))) {
            int demoPort = FreePorts.next();
            try (DemoApp demo = DemoApp.start(new DemoAppOptions(demoPort, db.jdbcUrl(), db.user(), db.password(),
                    DevStack.DEMO_SCHEMA, TestApp.SECRET, null, null))) {
                seed(emulator, demoPort);
                Jdbi jdbi = TestApp.jdbi(db);
                Server first = Server.start(db, emulator, demoPort);
                String auditId;
                try {
                    first.awaitUp();
                    auditId = JSON.readTree(post(first.url("/api/audits"), "{\"dry_run\":true}")).path("audit_id")
                            .asText();
                    Eventually.await(Duration.ofSeconds(60), "the audit's first page", () -> pages(jdbi, auditId) >= 1
                            ? "" : null);
                } finally {
                    first.kill();
                }
                int pagesAtKill = pages(jdbi, auditId);

                Server second = Server.start(db, emulator, demoPort);
                try {
                    second.awaitUp();
                    Eventually.await(Duration.ofSeconds(90), "the audit done after the restart",
                            () -> "done".equals(status(jdbi, auditId)) ? "" : null);
                } finally {
                    second.kill();
                }

                Map<String, Object> audit = jdbi.withHandle(h -> h.createQuery("SELECT customers, audited, "
                        + "right_access, pages FROM audits WHERE audit_id = :a").bind("a", auditId).mapToMap().one());
                int findings = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_findings "
                        + "WHERE audit_id = :a").bind("a", auditId).mapTo(Integer.class).one());
                assertThat(pagesAtKill).as("killed mid-way").isLessThan(4);
                assertThat(audit).containsEntry("customers", CUSTOMERS + 3).containsEntry("audited", CUSTOMERS)
                        .containsEntry("right_access", CUSTOMERS).containsEntry("pages", 4);
                assertThat(findings).as("one finding per customer, none twice").isEqualTo(CUSTOMERS);
            }
        }
    }

    /** Customers with a subscription each in Stripe, and the demo app granting each what they paid for. */
    private static void seed(StripeEmulator emulator, int demoPort) throws Exception {
        ArrayNode seeded = emulator.seedCustomers(CUSTOMERS, 0.1);
        ArrayNode accounts = JSON.createArrayNode();
        seeded.forEach(s -> accounts.addObject().put("customer_id", s.path("customer_id").asText())
                .put("subscription_id", s.path("subscription_id").asText()).put("plan", s.path("plan").asText())
                .put("active", "active".equals(s.path("status").asText())));
        ObjectNode body = JSON.createObjectNode();
        body.set("accounts", accounts);
        post("http://127.0.0.1:" + demoPort + "/_demo/seed", body.toString());
    }

    private static int pages(Jdbi jdbi, String auditId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pages FROM audits WHERE audit_id = :a").bind("a", auditId)
                .mapTo(Integer.class).one());
    }

    private static String status(Jdbi jdbi, String auditId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status FROM audits WHERE audit_id = :a").bind("a", auditId)
                .mapTo(String.class).one());
    }

    private static String post(String url, String body) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TestApp.API_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(url + " " + answer.body()).isLessThan(300);
        return answer.body();
    }

    /** {@code server test.yml} as its own JVM with the in-memory Temporal, Stripe read at 20 requests a second. */
    private record Server(Process process, Path log, int app, int admin) {

        static Server start(TestPostgres.Database db, StripeEmulator emulator, int demoPort) throws Exception {
            int app = FreePorts.next();
            int admin = FreePorts.next();
            Path log = Files.createTempFile("accessproof-server", ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx512m", "-cp", classPath()));
            Map.of("database.url", db.jdbcUrl(), "database.user", db.user(),
                    "database.password", db.password() == null ? "" : db.password(),
                    "temporal.embeddedPort", String.valueOf(FreePorts.next()),
                    "stripe.apiBase", emulator.baseUrl(), "stripe.apiRequestsPerSecond", "20",
                    "proving.http.urlTemplate", "http://127.0.0.1:" + demoPort + "/access/{customer_id}",
                    "audit.resumeEvery", "1s", "server.applicationConnectors[0].port", String.valueOf(app),
                    "server.adminConnectors[0].port", String.valueOf(admin))
                    .forEach((key, value) -> command.add("-Ddw." + key + "=" + value));
            command.add("-Ddw.sweep.enabled=false");
            command.addAll(List.of(TestMain.class.getName(), "server", TestApp.configFile()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Server(process, log, app, admin);
        }

        String url(String path) {
            return "http://127.0.0.1:" + app + path;
        }

        void awaitUp() throws Exception {
            Eventually.await(Duration.ofSeconds(120), "server on port " + app, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("server exited " + process.exitValue() + ":\n" + Files.readString(log));
                }
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/ping"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200 ? "" : null;
                } catch (java.io.IOException notYet) {
                    return null;
                }
            });
        }

        /** SIGKILL: no shutdown hook, no graceful stop. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }

        /** Surefire hands the forked JVM a manifest-only jar; the real class path is in this property. */
        private static String classPath() {
            String surefire = System.getProperty("surefire.test.class.path");
            return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        }
    }
}
