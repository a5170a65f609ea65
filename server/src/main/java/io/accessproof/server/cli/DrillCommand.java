package io.accessproof.server.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code drill}: proves the monitor works before anyone trusts it. Against a running stack whose Stripe
 * API (the emulator) and demo app it can reach, it breaks the app for one customer and demands the
 * incident, and runs a control case that must be proven. Exits 0 only when both hold.
 */
public final class DrillCommand extends OperatorCommand {
    static final String DEFAULT_EMULATOR = "http://127.0.0.1:12111";
    static final String DEFAULT_DEMO_APP = "http://127.0.0.1:8082";

    public DrillCommand(Terminal terminal) {
        super("drill", "Failure drill against a running dev stack: a dropped payment must raise the incident, "
                + "a control must be proven", terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        connection(subparser);
        subparser.addArgument("--revocation").action(Arguments.storeTrue())
                .help("drill a cancellation the app does not apply instead of a payment");
        subparser.addArgument("--emulator").metavar("URL").setDefault(DEFAULT_EMULATOR)
                .help("the Stripe API to pay in (default " + DEFAULT_EMULATOR + ")");
        subparser.addArgument("--stripe-key").metavar("KEY")
                .help("its API key (default: $STRIPE_API_KEY, else a test key)");
        subparser.addArgument("--demo-app").metavar("URL").setDefault(DEFAULT_DEMO_APP)
                .help("the demo app whose faults the drill sets (default " + DEFAULT_DEMO_APP + ")");
        subparser.addArgument("--timeout").setDefault("15m")
                .help("give up after this long (default 15m); the stack's run deadline decides how long it takes");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        Duration timeout = timeout(ns.getString("timeout"));
        String key = ns.getString("stripe_key") != null ? ns.getString("stripe_key")
                : terminal.env("STRIPE_API_KEY", "sk_test_accessproof_drill");
        boolean revocation = Boolean.TRUE.equals(ns.getBoolean("revocation"));
        output.line("accessproof drill" + (revocation ? " --revocation" : "") + " against " + api.baseUrl()
                + " (Stripe API " + ns.getString("emulator") + ", demo app " + ns.getString("demo_app")
                + ", timeout " + ns.getString("timeout") + ")");
        api.get("/api/runs", Map.of("limit", 1));
        Drill drill = new Drill(api, new EmulatorBilling(ns.getString("emulator"), key),
                new DemoAppControl(ns.getString("demo_app")), timeout, terminal.out());
        List<DrillCase> cases;
        try {
            cases = revocation ? drill.revocation() : drill.grant();
        } catch (DrillFailed e) {
            output.line("drill FAILED: " + e.getMessage());
            throw CliFailure.silent(ExitCode.NO);
        }
        if (cases.stream().allMatch(DrillCase::passed)) {
            output.line("drill passed: the broken case raised the incident and the control case was proven");
            return;
        }
        output.line("drill FAILED: " + String.join(", ", cases.stream().filter(c -> !c.passed())
                .map(DrillCase::name).toList()) + " did not hold");
        throw CliFailure.silent(ExitCode.NO);
    }

    private static Duration timeout(String text) {
        try {
            return io.dropwizard.util.Duration.parse(text).toJavaDuration();
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--timeout takes a duration such as 90s or 15m, not '" + text + "'");
        }
    }
}
