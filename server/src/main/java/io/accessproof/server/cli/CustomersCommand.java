package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code customers access CUSTOMER_ID}: "did they get what they paid for?" Exits 0 for yes, 1 for no or
 * not known yet, so a script can ask it.
 */
public final class CustomersCommand extends OperatorCommand {

    public CustomersCommand(Terminal terminal) {
        super("customers", "Customers: 'customers access ID' answers whether they have what they paid for", terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        action(actions(subparser), "access", "what Stripe says they paid for beside what the app shows now")
                .addArgument("customer_id").metavar("CUSTOMER_ID");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        ApiClient.Answer answer = api.get("/api/customers/" + ApiClient.segment(ns.getString("customer_id"))
                + "/access");
        output.print(answer, () -> print(answer.json(), output.terminal().out()));
        if (!answer.json().path("has_access_they_paid_for").asBoolean(false)) {
            throw CliFailure.silent(ExitCode.NO);
        }
    }

    private static void print(JsonNode access, PrintStream out) {
        JsonNode paid = access.path("stripe").path("paid_for");
        JsonNode app = access.path("app");
        out.println(Output.text(access, "answer"));
        Table.pairs(out, "  ",
                "customer", Output.text(access, "customer_id"),
                "stripe", (paid.path("access").asBoolean() ? "plan " + Output.text(paid, "plan") : "no access")
                        + " (subscription " + Output.text(paid, "subscription_id") + ", "
                        + Output.text(paid, "status") + ")",
                "app", app.isObject() ? (app.path("access").asBoolean() ? "plan " + Output.text(app, "plan")
                        : "no access") + " (deploy " + Output.text(app, "deploy_sha") + ")" : "receipts only");
        Table runs = new Table("EVENT", "TYPE", "SUBSCRIPTION", "STATE");
        access.path("latest_runs").forEach(r -> runs.row(Output.text(r, "event_id"), Output.text(r, "event_type"),
                Output.text(r, "subscription_id"), Output.text(r, "state")));
        if (!runs.empty()) {
            out.println("latest runs");
            runs.print(out, "  ");
        }
    }
}
