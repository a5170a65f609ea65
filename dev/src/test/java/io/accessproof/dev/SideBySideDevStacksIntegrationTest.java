package io.accessproof.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ./accessproof dev} processes on one machine, configured only through the environment a user
 * would set (ports, {@code ACCESSPROOF_DATABASE}, {@code ACCESSPROOF_DATA_DIR}) and otherwise on the dev
 * defaults: each reconciles against its own emulator and keeps its own database, and the failure drill
 * (both directions) passes on each within 90 s, which needs the dev deadlines of seconds.
 */
class SideBySideDevStacksIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "ap_dev_token";
    private static final Pattern CUSTOMER = Pattern.compile("customer (cus_\\w+)");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoDevStacks_keepToThemselves_andEachPassesTheDrillOnDevDefaults(@TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        String databaseA = databaseName();
        String databaseB = databaseName();
        try (DevProcess a = DevProcess.start(databaseA, dataA); DevProcess b = DevProcess.start(databaseB, dataB)) {
            a.awaitHealthy();
            b.awaitHealthy();
            assertThat(a.output()).contains("database " + databaseA, dataA.toString(),
                    "reconcile reads  " + a.emulatorUrl() + "   (the emulator)");
            assertThat(b.output()).contains("database " + databaseB, dataB.toString());

            CliRunner.Result grant = drill(a);
            assertThat(grant.exitCode()).as(grant.stdout() + grant.stderr()).isZero();
            assertThat(grant.stdout()).contains("Customer access did not change after Stripe event", "drill passed");

            CliRunner.Result revocation = drill(b, "--revocation");
            assertThat(revocation.exitCode()).as(revocation.stdout() + revocation.stderr()).isZero();
            assertThat(revocation.stdout()).contains("Customer access was not removed after Stripe event", "drill passed");

            Set<String> customersA = customers(grant.stdout());
            Set<String> customersB = customers(revocation.stdout());
            assertThat(customersA).hasSize(2);
            assertThat(customersB).hasSize(2).doesNotContainAnyElementsOf(customersA);
            for (String customer : customersA) {
                assertThat(runs(a, customer)).as("stack A knows its customer " + customer).isNotEmpty();
                assertThat(runs(b, customer)).as("stack B knows nothing of A's " + customer).isEmpty();
            }
            for (String customer : customersB) {
                assertThat(runs(b, customer)).as("stack B knows its customer " + customer).isNotEmpty();
                assertThat(runs(a, customer)).as("stack A knows nothing of B's " + customer).isEmpty();
            }
        } finally {
            dropLocalDatabase(databaseA);
            dropLocalDatabase(databaseB);
        }
    }

    private static CliRunner.Result drill(DevProcess stack, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("drill", "--url", stack.appUrl(), "--token", TOKEN,
                "--emulator", stack.emulatorUrl(), "--demo-app", stack.demoUrl(), "--timeout", "90s"));
        args.addAll(List.of(extra));
        return CliRunner.run(Map.of(), args.toArray(String[]::new));
    }

    private JsonNode runs(DevProcess stack, String customer) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(stack.appUrl() + "/api/runs?customer=" + customer))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("data");
    }

    private static Set<String> customers(String drillOutput) {
        Set<String> customers = new HashSet<>();
        Matcher m = CUSTOMER.matcher(drillOutput);
        while (m.find()) {
            customers.add(m.group(1));
        }
        return customers;
    }

    private static String databaseName() {
        return "ap_dev_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /** The stacks created their databases on the local server when it answers (else each ran an embedded one). */
    private static void dropLocalDatabase(String name) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // no local server: nothing was created on it
        }
    }

    /** {@code ./accessproof dev} as its own JVM, every port moved by environment variables. */
    private record DevProcess(Process process, Path log, int app, int admin, int emulator, int demo)
            implements AutoCloseable {

        static DevProcess start(String database, Path data) throws Exception {
            int app = FreePorts.next();
            int admin = FreePorts.next();
            int emulator = FreePorts.next();
            int demo = FreePorts.next();
            Path log = data.resolve("dev.log");
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx768m", "-cp", classPath(),
                    DevApplication.class.getName(), "dev")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            List.of("DATABASE_URL", "STRIPE_API_BASE", "STRIPE_API_KEY", "TEMPORAL_TARGET", "ACCESSPROOF_DEADLINE")
                    .forEach(env::remove);
            env.put("ACCESSPROOF_PORT", String.valueOf(app));
            env.put("ACCESSPROOF_ADMIN_PORT", String.valueOf(admin));
            env.put("ACCESSPROOF_TEMPORAL_PORT", String.valueOf(FreePorts.next()));
            env.put("ACCESSPROOF_EMULATOR_PORT", String.valueOf(emulator));
            env.put("ACCESSPROOF_DEMO_PORT", String.valueOf(demo));
            env.put("ACCESSPROOF_DATABASE", database);
            env.put("ACCESSPROOF_DATA_DIR", data.toString());
            return new DevProcess(builder.start(), log, app, admin, emulator, demo);
        }

        void awaitHealthy() throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            Eventually.await(Duration.ofSeconds(120), "dev on port " + app + " healthy", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("dev exited " + process.exitValue() + ":\n" + output());
                }
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + admin + "/healthcheck")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200 && output().contains("accessproof dev is up");
            });
        }

        String output() throws Exception {
            return Files.readString(log);
        }

        String appUrl() {
            return "http://127.0.0.1:" + app;
        }

        String emulatorUrl() {
            return "http://127.0.0.1:" + emulator;
        }

        String demoUrl() {
            return "http://127.0.0.1:" + demo;
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        private static String javaBinary() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        /** Surefire hands the forked JVM a manifest-only jar; the real class path is in this property. */
        private static String classPath() {
            String surefire = System.getProperty("surefire.test.class.path");
            return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        }
    }
}
