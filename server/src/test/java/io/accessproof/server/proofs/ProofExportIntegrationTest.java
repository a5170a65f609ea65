package io.accessproof.server.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.TestApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof records end to end: a proven run's record on the API, an export through the CLI in both formats, and
 * verify-export holding on the file as written and failing on a file changed afterwards.
 */
class ProofExportIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aProvenRunHasItsRecord_idsPlansAndHashesOnly_andCountsInTheDashboardsSeries() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "team_monthly");
        String eventId = stack.awaitRun(customer, "proven");

        JsonNode proofs = get("/api/runs/" + eventId + "/proof");

        assertThat(proofs.path("data")).hasSize(1);
        JsonNode proof = proofs.path("data").get(0);
        assertThat(proof.path("verdict").asText()).isEqualTo("proven");
        assertThat(proof.path("sha256").asText()).hasSize(64);
        JsonNode record = proof.path("record");
        assertThat(record.path("event_id").asText()).isEqualTo(eventId);
        assertThat(record.path("customer_id").asText()).isEqualTo(customer);
        assertThat(record.path("expected").path("plan").asText()).isEqualTo("team");
        assertThat(record.path("observed").path("plan").asText()).isEqualTo("team");
        assertThat(record.toString()).doesNotContain("@");
        assertThat(status("/api/runs/evt_nope/proof")).isEqualTo(404);
        JsonNode series = get("/api/summary/series");
        JsonNode minutes = series.path("verdicts_per_minute");
        assertThat(minutes).hasSize(60);
        assertThat(Instant.parse(minutes.get(59).path("start").asText()))
                .isBetween(Instant.now().minus(2, ChronoUnit.MINUTES), Instant.now());
        long proven = 0;
        for (JsonNode minute : minutes) {
            proven += minute.path("counts").path("proven").asLong();
        }
        assertThat(proven).as("verdicts per minute count the proof records").isPositive();
        assertThat(series.path("time_to_proof").path("last_hour").path("p50_ms").isNumber()).isTrue();
        assertThat(series.path("incidents_per_day")).hasSize(14);
        assertThat(status("/api/proofs?until=2026-01-01T00:00:00Z")).isEqualTo(422);
    }

    @Test
    void exportRoundTripsThroughVerifyExport_inBothFormats_andAChangedFileFails(@TempDir Path dir) throws Exception {
        Instant since = Instant.now().minus(1, ChronoUnit.MINUTES);
        for (String plan : List.of("pro_monthly", "team_monthly")) {
            String customer = stack.newCustomer();
            stack.subscribe(customer, plan);
            stack.awaitSettled(customer);
        }
        Path jsonl = dir.resolve("proofs.jsonl");
        Path csv = dir.resolve("proofs.csv");

        CliRunner.Result exported = cli("export", "--since", since.toString(), "--output", jsonl.toString());
        CliRunner.Result exportedCsv = cli("export", "--since", since.toString(), "--format", "csv",
                "--output", csv.toString());

        assertThat(exported.exitCode()).as(exported.stderr()).isZero();
        assertThat(exportedCsv.exitCode()).as(exportedCsv.stderr()).isZero();
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        assertThat(Files.readAllLines(csv)).hasSize(lines.size() + 1).first().asString().startsWith("seq,");
        assertThat(exported.stdout()).contains("exported " + lines.size() + " proof records");
        CliRunner.Result verified = CliRunner.run("verify-export", jsonl.toString());
        CliRunner.Result verifiedCsv = CliRunner.run("verify-export", csv.toString());
        assertThat(verified.exitCode()).as(verified.stderr()).isZero();
        assertThat(verified.stdout()).contains("ok: " + lines.size() + " proof records");
        assertThat(verifiedCsv.exitCode()).as(verifiedCsv.stderr()).isZero();

        Path changed = dir.resolve("changed.jsonl");
        List<String> edited = new ArrayList<>(lines);
        edited.set(0, edited.get(0).replaceFirst("\"plan\":\"(pro|team)\"", "\"plan\":\"free\""));
        Files.write(changed, edited);
        Path gap = dir.resolve("gap.jsonl");
        String dropped = middleOfAChain(lines);
        Files.write(gap, lines.stream().filter(l -> !l.equals(dropped)).toList());

        CliRunner.Result tampered = CliRunner.run("verify-export", changed.toString());
        CliRunner.Result missing = CliRunner.run("verify-export", gap.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.stderr()).contains("line 1: the record does not match its sha256");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).contains("chain is broken");
    }

    /** A record that has a record of the same customer before and after it in the export. */
    private static String middleOfAChain(List<String> lines) {
        for (int i = 1; i + 1 < lines.size(); i++) {
            String customer = customerOf(lines.get(i));
            if (lines.subList(0, i).stream().anyMatch(l -> customerOf(l).equals(customer))
                    && lines.subList(i + 1, lines.size()).stream().anyMatch(l -> customerOf(l).equals(customer))) {
                return lines.get(i);
            }
        }
        throw new AssertionError("no customer has three records in the export: " + lines);
    }

    private static String customerOf(String line) {
        try {
            return JSON.readTree(line).path("customer_id").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static CliRunner.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", stack.app().url(""), "--token", TestApp.API_TOKEN));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(send(path).body());
    }

    private static int status(String path) throws Exception {
        return send(path).statusCode();
    }

    private static HttpResponse<String> send(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.app().url(path)))
                .header("Authorization", "Bearer " + TestApp.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }
}
