package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code sweep --since 2026-12-01}: lists Stripe's events since then and hands every one accessproof never
 * received to its run; follows the sweep to its end and prints what it found. Exits 0 when it finished, also
 * when it found missed events (their runs prove or page as usual).
 */
public final class SweepCommand extends OperatorCommand {
    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    public SweepCommand(Terminal terminal) {
        super("sweep", "Find the Stripe events accessproof never received since a date, and prove them", terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        connection(subparser);
        subparser.addArgument("--json").action(Arguments.storeTrue())
                .help("print the API's JSON of the finished sweep, for scripts");
        subparser.addArgument("--since").required(true).metavar("DATE")
                .help("a date (2026-12-01, UTC) or an ISO-8601 time; Stripe lists its last 30 days");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        JsonNode started = api.post("/api/sweeps", Map.of("since", ns.getString("since"))).json();
        String sweepId = started.path("sweep_id").asText();
        ProgressBar bar = output.json() ? null : new ProgressBar(output.terminal());
        Optional<ApiClient.Answer> finished = Poll.until(Duration.ofHours(6), POLL_EVERY, () -> {
            ApiClient.Answer answer = api.get("/api/sweeps/" + ApiClient.segment(sweepId));
            JsonNode sweep = answer.json();
            if (bar != null) {
                bar.show(sweepId + ": " + sweep.path("pages").asInt() + " pages, " + sweep.path("listed").asInt()
                        + " events listed, " + sweep.path("dispatched").asInt() + " never received");
            }
            return "running".equals(sweep.path("status").asText()) ? Optional.empty() : Optional.of(answer);
        });
        if (bar != null) {
            bar.finish();
        }
        ApiClient.Answer answer = finished.orElseThrow(() -> new CliFailure(ExitCode.UNAVAILABLE,
                sweepId + " is still running after 6 hours; follow it at /api/sweeps/" + sweepId));
        JsonNode sweep = answer.json();
        output.print(answer, () -> output.line("sweep " + sweepId + " " + sweep.path("status").asText() + " (since "
                + Output.text(sweep, "since") + "): " + sweep.path("listed").asInt() + " listed, "
                + sweep.path("already_stored").asInt() + " already stored, " + sweep.path("dispatched").asInt()
                + " dispatched"));
        if ("failed".equals(sweep.path("status").asText())) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "sweep " + sweepId + " failed: " + Output.text(sweep, "error"));
        }
    }
}
