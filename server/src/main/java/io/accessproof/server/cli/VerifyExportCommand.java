package io.accessproof.server.cli;

import io.accessproof.server.proofs.ChainCheck;
import io.accessproof.server.proofs.ProofFormat;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code verify-export FILE}: recomputes every exported proof record's hash and follows each customer's chain
 * through the file; exit 0 when all hold, 1 with the broken lines otherwise. Needs no server.
 */
public final class VerifyExportCommand extends Command {
    private final Terminal terminal;

    public VerifyExportCommand(Terminal terminal) {
        super("verify-export", "Check the hashes and chains of a proof export (jsonl or csv)");
        this.terminal = terminal;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("file").metavar("FILE");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws IOException {
        Path file = Path.of(namespace.getString("file"));
        ChainCheck check = new ChainCheck();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ProofFormat format = null;
            String line;
            for (long number = 1; (line = lines.readLine()) != null; number++) {
                if (line.isBlank()) {
                    continue;
                }
                format = format != null ? format : line.startsWith("{") ? ProofFormat.JSONL : ProofFormat.CSV;
                try {
                    ProofFormat.Line record = format.parse(line);
                    if (record != null) {
                        check.add(number, record);
                    }
                } catch (IllegalArgumentException e) {
                    check.malformed(number, e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw CliFailure.usage("no such file: " + file);
        }
        if (!check.problems().isEmpty()) {
            check.problems().forEach(terminal.err()::println);
            throw new CliFailure(ExitCode.NO, check.problems().size() + " problems in " + check.records()
                    + " records of " + file);
        }
        terminal.out().println("ok: " + check.records() + " proof records of " + check.customers()
                + " customers, every hash and chain link holds");
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof CliFailure failure) {
            terminal.err().println("accessproof verify-export: " + failure.getMessage());
            terminal.err().flush();
            return;
        }
        super.onError(cli, namespace, e);
    }
}
