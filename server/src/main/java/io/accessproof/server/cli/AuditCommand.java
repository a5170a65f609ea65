package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code audit [--no-dry-run]}: every customer against Stripe right now. Follows the audit with its progress,
 * then prints the counts and the wrong customers. Exits 0 when every audited customer is right, 1 when some
 * are wrong (with {@code --no-dry-run} each got a {@code drift} incident), 5 when the audit failed or stalled.
 */
public final class AuditCommand extends OperatorCommand {
    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    public AuditCommand(Terminal terminal) {
        super("audit", "Audit every customer against Stripe now: who paid and has no access, who has access unpaid",
                terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        connection(subparser);
        subparser.addArgument("--json").action(Arguments.storeTrue())
                .help("print the API's JSON of the finished audit, for scripts");
        subparser.addArgument("--dry-run").dest("dry_run").action(Arguments.storeTrue()).setDefault(true)
                .help("record findings only (the default)");
        subparser.addArgument("--no-dry-run").dest("dry_run").action(Arguments.storeFalse())
                .help("also open a drift incident for each wrong customer (paged once per audit)");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        boolean dryRun = !Boolean.FALSE.equals(ns.getBoolean("dry_run"));
        String auditId = api.post("/api/audits", Map.of("dry_run", dryRun)).json().path("audit_id").asText();
        ProgressBar bar = output.json() ? null : new ProgressBar(output.terminal());
        Optional<ApiClient.Answer> finished = Poll.until(Duration.ofHours(12), POLL_EVERY, () -> {
            ApiClient.Answer answer = api.get("/api/audits/" + ApiClient.segment(auditId));
            JsonNode audit = answer.json();
            if (bar != null) {
                bar.show(auditId + ": " + audit.path("customers").asInt() + " customers ("
                        + Output.text(audit, "customers_per_second") + "/s), " + audit.path("wrong").size() + " wrong"
                        + (audit.hasNonNull("eta_seconds") ? ", about " + audit.get("eta_seconds").asLong() + " s left"
                        : ""));
            }
            return "running".equals(audit.path("status").asText()) ? Optional.empty() : Optional.of(answer);
        });
        if (bar != null) {
            bar.finish();
        }
        ApiClient.Answer answer = finished.orElseThrow(() -> new CliFailure(ExitCode.UNAVAILABLE,
                auditId + " is still running after 12 hours; follow it at /api/audits/" + auditId));
        JsonNode audit = answer.json();
        output.print(answer, () -> print(audit, output));
        if (!"done".equals(audit.path("status").asText())) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "audit " + auditId + " ended " + audit.path("status").asText());
        }
        if (audit.path("wrong").size() > 0) {
            throw CliFailure.silent(ExitCode.NO);
        }
    }

    private static void print(JsonNode audit, Output output) {
        JsonNode counts = audit.path("counts");
        output.line("audit " + Output.text(audit, "audit_id") + " " + Output.text(audit, "status")
                + (audit.path("dry_run").asBoolean() ? " (dry run: no incident opened)" : "") + ": "
                + counts.path("audited").asInt() + " customers audited");
        Table.pairs(output.terminal().out(), "  ",
                "right", counts.path("right").asText(),
                "paid, no access", counts.path("paid_no_access").asText(),
                "access, not paid", counts.path("access_not_paid").asText(),
                "app unreachable", counts.path("app_unreachable").asText(),
                "cannot verify", counts.path("cannot_verify").asText());
        Table wrong = new Table("CUSTOMER", "FINDING", "DETAIL");
        audit.path("wrong").forEach(w -> wrong.row(Output.text(w, "customer_id"), Output.text(w, "finding"),
                Output.text(w, "detail")));
        if (!wrong.empty()) {
            wrong.print(output.terminal().out(), "  ");
        }
    }
}
