package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code runs retry|terminate} by filter: always asks for the dry run first and shows what would be
 * touched; only with {@code --yes} (and without {@code --dry-run}) starts the job, then follows its
 * progress until it has finished.
 */
final class BulkAction {
    static final List<String> FILTERS = List.of("state", "type", "customer", "subscription", "incident_kind",
            "deploy_sha", "since", "until");
    private static final Duration POLL_EVERY = Duration.ofMillis(200);
    /** A job that makes no progress for this long is reported as stalled rather than waited on forever. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final int SHOWN_IDS = 10;

    private final ApiClient api;
    private final Output output;
    private final String action;

    BulkAction(ApiClient api, Output output, String action) {
        this.api = api;
        this.output = output;
        this.action = action;
    }

    void run(Map<String, String> filter, String reason, boolean confirmed) {
        Map<String, Object> body = new LinkedHashMap<>(filter);
        if (reason != null) {
            body.put("reason", reason);
        }
        body.put("dry_run", true);
        ApiClient.Answer preview = api.post("/api/runs/" + action, body);
        int count = preview.json().path("count").asInt();
        if (!confirmed || count == 0) {
            output.print(preview, () -> preview(preview.json(), count, false));
            return;
        }
        if (!output.json()) {
            preview(preview.json(), count, true);
        }
        body.put("dry_run", false);
        JsonNode started = api.post("/api/runs/" + action, body).json();
        String jobId = started.path("job_id").asText();
        if (!output.json()) {
            output.line("started " + jobId + ": " + verb() + " " + started.path("count").asInt() + " runs");
        }
        ApiClient.Answer finished = follow(jobId);
        JsonNode job = finished.json();
        output.print(finished, () -> output.line(job.path("done").asInt() - job.path("failed").asInt() + " of "
                + job.path("total").asInt() + " runs " + past() + ", " + job.path("failed").asInt() + " failed"));
        if (job.path("failed").asInt() > 0) {
            throw new CliFailure(ExitCode.NO, jobId + ": " + job.path("failed").asInt() + " runs could not be "
                    + past() + " (see the audit log and the runs' timelines)");
        }
    }

    private void preview(JsonNode answer, int count, boolean goingAhead) {
        if (count == 0) {
            output.line("no run matches: nothing to " + action);
            return;
        }
        output.line((answer.path("dry_run").asBoolean(true) ? "dry run: " : "") + "would " + action + " " + count
                + " run" + (count == 1 ? "" : "s"));
        JsonNode ids = answer.path("event_ids");
        for (int i = 0; i < Math.min(SHOWN_IDS, ids.size()); i++) {
            output.line("  " + ids.get(i).asText());
        }
        if (ids.size() > SHOWN_IDS) {
            output.line("  … and " + (ids.size() - SHOWN_IDS) + " more (--json lists them all)");
        }
        if (!goingAhead) {
            output.line("nothing was changed; add --yes to " + action + " them");
        }
    }

    private ApiClient.Answer follow(String jobId) {
        ProgressBar bar = output.json() ? null : new ProgressBar(output.terminal());
        int[] lastDone = {-1};
        long[] lastChange = {System.nanoTime()};
        Optional<ApiClient.Answer> done = Poll.until(Duration.ofDays(1), POLL_EVERY, () -> {
            ApiClient.Answer answer = api.get("/api/runs/jobs/" + ApiClient.segment(jobId));
            JsonNode job = answer.json();
            if (bar != null) {
                bar.show(job.path("done").asInt(), job.path("failed").asInt(), job.path("total").asInt());
            }
            if (job.path("done").asInt() != lastDone[0]) {
                lastDone[0] = job.path("done").asInt();
                lastChange[0] = System.nanoTime();
            } else if (System.nanoTime() - lastChange[0] > STALL.toNanos()) {
                throw new CliFailure(ExitCode.UNAVAILABLE, jobId + " made no progress for " + STALL.toSeconds()
                        + " s (" + lastDone[0] + "/" + job.path("total").asInt() + " done); it may go on in the server");
            }
            return "finished".equals(job.path("status").asText()) ? Optional.of(answer) : Optional.empty();
        });
        if (bar != null) {
            bar.finish();
        }
        return done.orElseThrow();
    }

    private String verb() {
        return "retry".equals(action) ? "retrying" : "terminating";
    }

    private String past() {
        return "retry".equals(action) ? "retried" : "terminated";
    }
}
