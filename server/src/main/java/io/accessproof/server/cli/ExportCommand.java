package io.accessproof.server.cli;

import io.accessproof.server.proofs.ProofFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code export --since D [--until D] --format jsonl|csv [--output FILE]}: the proof records of a window, streamed
 * from the server line by line (constant memory for any count), with a progress bar on a terminal when writing
 * to a file. {@code verify-export FILE} checks what it wrote.
 */
public final class ExportCommand extends OperatorCommand {

    public ExportCommand(Terminal terminal) {
        super("export", "Export proof records (JSON lines or CSV) for finance and support", terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        connection(subparser);
        subparser.addArgument("--since").required(true).help("start of the window, ISO-8601 (2026-12-01T00:00:00Z)");
        subparser.addArgument("--until").help("end of the window (exclusive), ISO-8601; default now");
        subparser.addArgument("--format").choices("jsonl", "csv").setDefault("jsonl").help("jsonl (default) or csv");
        subparser.addArgument("--output").help("file to write; default standard output");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("since", ns.getString("since"));
        window.put("until", ns.getString("until"));
        long total = api.get("/api/proofs/count", window).json().path("count").asLong();
        Map<String, Object> query = new LinkedHashMap<>(window);
        query.put("format", ns.getString("format"));
        String file = ns.getString("output");
        ProgressBar progress = file != null ? new ProgressBar(terminal) : null;
        long written;
        try (InputStream body = api.stream("/api/proofs", query);
             OutputStream target = file == null ? terminal.out() : Files.newOutputStream(Path.of(file))) {
            written = copy(body, target, ProofFormat.of(ns.getString("format")), total, progress);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "export interrupted: " + e.getMessage());
        }
        if (progress != null) {
            progress.finish();
            terminal.out().println("exported " + written + " proof records to " + file);
        }
    }

    /** Copies line by line; returns the records copied (the CSV header is not one). */
    private static long copy(InputStream body, OutputStream target, ProofFormat format, long total,
                             ProgressBar progress) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(target, false, StandardCharsets.UTF_8);
        long records = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            out.print(line);
            out.print('\n');
            if (format == ProofFormat.CSV && records == 0 && line.startsWith("seq,")) {
                continue;
            }
            records++;
            if (progress != null && (records % 1_000 == 0 || records == total)) {
                progress.show((int) Math.min(records, Integer.MAX_VALUE), 0, (int) Math.max(total, records));
            }
        }
        out.flush();
        return records;
    }
}
