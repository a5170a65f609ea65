package io.accessproof.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./accessproof drill} against the dev stack with short deadlines: it passes, and it fails when it must. */
class DrillIntegrationTest {
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines(
                ConfigOverride.config("proving.deadlines.customer\\.subscription\\.deleted", "2s"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void drill_droppedPaymentRaisesTheIncidentAndTheControlIsProven_exit0() throws Exception {
        CliRunner.Result drill = drill(stack.demoUrl());

        assertThat(drill.exitCode()).as(drill.stdout() + drill.stderr()).isZero();
        assertThat(drill.stdout())
                .contains("PASS  inc_", "Customer access did not change after Stripe event")
                .contains("ok      says the customer's access did not change", "ok      event id evt_",
                        "ok      customer id cus_", "ok      subscription id sub_", "ok      expected plan pro",
                        "ok      observed plan", "ok      deploy SHA demo-0001", "ok      retry guidance: ",
                        "runs retry evt_")
                .contains("PASS  run evt_", "proven: expected pro, observed pro")
                .contains("drill passed")
                .doesNotContain("FAIL");
    }

    @Test
    void drillRevocation_ignoredCancellationRaisesTheIncidentAndTheControlIsProvenRevoked_exit0() throws Exception {
        CliRunner.Result drill = drill(stack.demoUrl(), "--revocation");

        assertThat(drill.exitCode()).as(drill.stdout() + drill.stderr()).isZero();
        assertThat(drill.stdout())
                .contains("PASS  inc_", "Customer access was not removed after Stripe event")
                .contains("ok      observed plan pro (still the cancelled pro)")
                .contains("(customer.subscription.deleted) proven: expected no access, observed no access")
                .contains("ok      access removed in Stripe and the app", "drill passed")
                .doesNotContain("FAIL");
    }

    @Test
    void demoAppNotAnswering_drillFails() throws Exception {
        CliRunner.Result drill = drill("http://127.0.0.1:" + FreePorts.next());

        assertThat(drill.exitCode()).isEqualTo(1);
        assertThat(drill.stdout()).contains("drill FAILED: cannot reach the demo app at http://127.0.0.1:")
                .doesNotContain("drill passed");
    }

    @Test
    void faultNeverReachesTheApp_runsAreProven_drillFailsWithoutWaitingForTheTimeout() throws Exception {
        // A switch that says yes and changes nothing: the real demo app applies the payment.
        HttpServer decoy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        decoy.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        decoy.start();
        try {
            CliRunner.Result drill = drill("http://127.0.0.1:" + decoy.getAddress().getPort());

            assertThat(drill.exitCode()).isEqualTo(1);
            assertThat(drill.stdout()).contains("every run closed without an incident", "FAIL  incident for cus_",
                    "drill FAILED: incident for cus_").doesNotContain("drill passed");
        } finally {
            decoy.stop(0);
        }
    }

    @Test
    void unreadableTimeout_isAUsageError() throws Exception {
        assertThat(drill(stack.demoUrl(), "--timeout", "soon").exitCode()).isEqualTo(2);
    }

    private static CliRunner.Result drill(String demoUrl, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("drill", "--url", stack.app().url(""), "--token", TestApp.API_TOKEN,
                "--emulator", stack.emulator().baseUrl(), "--demo-app", demoUrl, "--timeout", "60s"));
        args.addAll(Arrays.asList(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }
}
