package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/** {@code incidents list|ack|resolve}: what customers lost, and its lifecycle. */
public final class IncidentsCommand extends OperatorCommand {

    public IncidentsCommand(Terminal terminal) {
        super("incidents", "Incidents of a running server: list, ack, resolve", terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers actions = actions(subparser);
        Subparser list = action(actions, "list", "list incidents (open ones by default)");
        list.addArgument("--status").choices("open", "acknowledged", "resolved", "all").help("default: open");
        list.addArgument("--kind").help("e.g. access_not_granted, access_not_revoked");
        list.addArgument("--customer").metavar("CUSTOMER_ID");
        list.addArgument("--limit").type(Integer.class).help("at most this many (default 50)");
        action(actions, "ack", "acknowledge an open incident").addArgument("id").metavar("INCIDENT_ID");
        Subparser resolve = action(actions, "resolve", "resolve an incident by hand, saying how");
        resolve.addArgument("id").metavar("INCIDENT_ID");
        resolve.addArgument("--note").required(true).help("how it was resolved");
        resolve.addArgument("--reason").choices("fixed", "false_alarm", "duplicate", "other").setDefault("fixed")
                .help("why: fixed (default), false_alarm (accessproof was wrong: counted), duplicate, other");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        switch (action) {
            case "list" -> list(ns, api, output);
            case "ack" -> change(api.post(path(ns) + "/ack", Map.of()), "acknowledged", output);
            case "resolve" -> change(api.post(path(ns) + "/resolve", Map.of("note", ns.getString("note"),
                    "reason", ns.getString("reason"))), "resolved", output);
            default -> throw CliFailure.usage("unknown action " + action);
        }
    }

    private static String path(Namespace ns) {
        return "/api/incidents/" + ApiClient.segment(ns.getString("id"));
    }

    private static void list(Namespace ns, ApiClient api, Output output) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", ns.getString("status"));
        query.put("kind", ns.getString("kind"));
        query.put("customer", ns.getString("customer"));
        query.put("limit", ns.getInt("limit"));
        ApiClient.Answer answer = api.get("/api/incidents", query);
        output.print(answer, () -> {
            Table table = new Table("INCIDENT", "KIND", "STATUS", "CUSTOMER", "EVENT", "OPENED", "GROUP", "TITLE");
            answer.json().path("data").forEach(i -> table.row(Output.text(i, "id"), Output.text(i, "kind"),
                    Output.text(i, "status"), Output.text(i, "customer_id"), Output.text(i, "event_id"),
                    Output.text(i, "opened_at"), Output.text(i, "group_count"), Output.text(i, "title")));
            if (table.empty()) {
                output.line("no incidents match");
            } else {
                table.print(output.terminal().out(), "");
            }
        });
    }

    private static void change(ApiClient.Answer answer, String what, Output output) {
        JsonNode incident = answer.json();
        output.print(answer, () -> output.line(Output.text(incident, "id") + ": " + what + " ("
                + Output.text(incident, "title") + ")"));
    }
}
