package io.accessproof.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.stripe.model.Subscription;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in Debian's headless Chromium, driven by Playwright (server/src/test/browser): it lists
 * runs, opens a run, acknowledges an incident, retries a run and answers a customer lookup. Screenshots
 * are kept in {@code server/target/dashboard-screenshots}. Needs {@code /usr/bin/chromium}, node and
 * {@code npm ci} in that folder ({@code .ci/run} installs them); skipped where they are missing, except under
 * CI ({@code CI=true}, which {@code .ci/run} sets), where a missing browser fails the build.
 */
class DashboardBrowserIntegrationTest {
    private static final Path BROWSER_TESTS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void supportEngineerUsesTheDashboard() throws Exception {
        requireUnderCi(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install chromium)");
        requireUnderCi(Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core")),
                "playwright-core is not installed (npm ci --prefix server/src/test/browser)");
        try (DevStack stack = DevStack.start(
                ConfigOverride.config("proving.defaultDeadline", "2s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "500ms"))) {
            String proven = stack.newCustomer();
            Subscription subscription = stack.subscribe(proven, "pro_monthly");
            String stripeStatus = stack.stripe().subscriptions().retrieve(subscription.getId()).getStatus();
            String dropped = stack.newCustomer();
            stack.demoFault(dropped, "drop");
            stack.subscribe(dropped, "team_monthly");
            String provenEvent = awaitRun(stack, proven, "proven");
            String incidentEvent = awaitRun(stack, dropped, "incident");
            String incidentId = stack.jdbi().withHandle(h -> h.createQuery(
                    "SELECT incident_id FROM incidents WHERE event_id = :e").bind("e", incidentEvent)
                    .mapTo(String.class).one());
            Path screenshots = Files.createDirectories(Path.of("target", "dashboard-screenshots"));

            Result result = runBrowserTests(Map.of(
                    "DASHBOARD_URL", stack.app().url(""),
                    "TOKEN", TestApp.API_TOKEN,
                    "PROVEN_EVENT", provenEvent,
                    "PROVEN_CUSTOMER", proven,
                    "DROPPED_CUSTOMER", dropped,
                    "INCIDENT_EVENT", incidentEvent,
                    "INCIDENT_ID", incidentId,
                    "STRIPE_PAID", Set.of("active", "trialing").contains(stripeStatus) ? "paid" : "not_paid",
                    "SCREENSHOTS", screenshots.toAbsolutePath().toString()));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(screenshots.resolve("customer.png")).exists();
            assertThat(screenshots.resolve("audit.png")).exists();
        }
    }

    /** Skipped where the browser is missing, but under CI ({@code CI=true}) a missing browser is a failure. */
    private static void requireUnderCi(boolean present, String missing) {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as(missing + " (CI=true: the browser test must run)").isTrue();
        }
        assumeTrue(present, missing);
    }

    private static String awaitRun(DevStack stack, String customer, String state) throws Exception {
        // A subscription's creation brings several billing events; only the newest run raises an incident.
        return Eventually.await(Duration.ofSeconds(30), "a run of " + customer + " " + state,
                () -> stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM runs "
                                + "WHERE customer_id = :c AND state = :s ORDER BY event_id LIMIT 1")
                        .bind("c", customer).bind("s", state).mapTo(String.class).findOne().orElse(null)));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result runBrowserTests(Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile("dashboard-browser", ".log");
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "dashboard.test.mjs")
                .directory(BROWSER_TESTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().putAll(env);
        Process process = node.start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        return new Result(finished ? process.exitValue() : -1, finished ? output : "timed out\n" + output);
    }
}
