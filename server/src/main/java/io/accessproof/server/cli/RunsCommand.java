package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/** {@code runs list|show|retry|terminate}: the runs of a running server, one or many by filter. */
public final class RunsCommand extends OperatorCommand {

    public RunsCommand(Terminal terminal) {
        super("runs", "Runs of a running server: list, show, retry, terminate (one, or many by filter)", terminal);
    }

    @Override
    public void configure(Subparser subparser) {
        Subparsers actions = actions(subparser);
        Subparser list = action(actions, "list", "list runs, newest first");
        filters(list);
        list.addArgument("--limit").type(Integer.class).help("runs per page (1-100, default 20)");
        list.addArgument("--starting-after").metavar("EVENT_ID").help("the page after this run");

        action(actions, "show", "one run: three states, expected vs observed, incident, timeline")
                .addArgument("event_id").metavar("EVENT_ID");

        Subparser retry = action(actions, "retry", "check one run again now, or many by filter");
        retry.addArgument("event_id").metavar("EVENT_ID").nargs("?");
        bulkOptions(filters(retry));

        Subparser terminate = action(actions, "terminate", "close one run, or many by filter, without proof");
        terminate.addArgument("event_id").metavar("EVENT_ID").nargs("?");
        terminate.addArgument("--reason").required(true).help("why (kept in the run's timeline and the audit log)");
        bulkOptions(filters(terminate));
    }

    private static Subparser filters(Subparser parser) {
        parser.addArgument("--state").help("accepted, proving, proven, proven_late, incident, superseded, "
                + "not_applicable, terminated");
        parser.addArgument("--type").help("Stripe event type, e.g. invoice.paid");
        parser.addArgument("--customer").metavar("CUSTOMER_ID");
        parser.addArgument("--subscription").metavar("SUBSCRIPTION_ID");
        parser.addArgument("--incident-kind").help("e.g. access_not_granted");
        parser.addArgument("--deploy-sha").help("the deploy the app reported");
        parser.addArgument("--since").help("started at or after (ISO-8601)");
        parser.addArgument("--until").help("started before (ISO-8601)");
        return parser;
    }

    private static void bulkOptions(Subparser parser) {
        parser.addArgument("--dry-run").action(Arguments.storeTrue()).help("only show what would be touched");
        parser.addArgument("--yes").action(Arguments.storeTrue()).help("really do it (after the dry-run count)");
    }

    @Override
    void run(String action, Namespace ns, ApiClient api, Output output) {
        switch (action) {
            case "list" -> list(ns, api, output);
            case "show" -> show(ns.getString("event_id"), api, output);
            case "retry", "terminate" -> act(action, ns, api, output);
            default -> throw CliFailure.usage("unknown action " + action);
        }
    }

    private static Map<String, String> filter(Namespace ns) {
        Map<String, String> filter = new LinkedHashMap<>();
        for (String field : BulkAction.FILTERS) {
            String value = ns.getString(field);
            if (value != null && !value.isBlank()) {
                filter.put(field, value);
            }
        }
        return filter;
    }

    private static void list(Namespace ns, ApiClient api, Output output) {
        Map<String, Object> query = new LinkedHashMap<>(filter(ns));
        query.put("limit", ns.getInt("limit"));
        query.put("starting_after", ns.getString("starting_after"));
        ApiClient.Answer answer = api.get("/api/runs", query);
        output.print(answer, () -> {
            JsonNode data = answer.json().path("data");
            Table table = new Table("EVENT", "TYPE", "CUSTOMER", "SUBSCRIPTION", "STATE", "EXPECTED", "OBSERVED",
                    "STARTED");
            data.forEach(run -> table.row(Output.text(run, "event_id"), Output.text(run, "event_type"),
                    Output.text(run, "customer_id"), Output.text(run, "subscription_id"), Output.text(run, "state"),
                    Output.side(run.path("expected")), Output.side(run.path("observed")),
                    Output.text(run, "started_at")));
            if (table.empty()) {
                output.line("no runs match");
                return;
            }
            table.print(output.terminal().out(), "");
            if (answer.json().path("has_more").asBoolean()) {
                output.line("more: add --starting-after " + Output.text(data.get(data.size() - 1), "event_id"));
            }
        });
    }

    private static void show(String eventId, ApiClient api, Output output) {
        ApiClient.Answer answer = api.get("/api/runs/" + ApiClient.segment(eventId));
        output.print(answer, () -> printRun(answer.json(), output.terminal().out()));
    }

    private static void printRun(JsonNode run, PrintStream out) {
        JsonNode expected = run.path("expected");
        JsonNode observed = run.path("observed");
        JsonNode incident = run.path("incident");
        out.println("run " + Output.text(run, "event_id") + "  " + Output.text(run, "event_type"));
        Table.pairs(out, "  ",
                "state", Output.text(run, "state"),
                "paid/delivered/applied", Output.text(run, "paid") + " / " + Output.text(run, "delivered") + " / "
                        + Output.text(run, "applied"),
                "customer", Output.text(run, "customer_id"),
                "subscription", Output.text(run, "subscription_id"),
                "expected", Output.side(expected) + detail(expected),
                "observed", Output.side(observed) + detail(observed),
                "deploy", Output.text(observed, "deploy_sha"),
                "proof source", Output.text(run, "proof_source"),
                "started", Output.text(run, "started_at"),
                "proven", Output.text(run, "proven_at"),
                "incident", incident.isObject() ? Output.text(incident, "id") + " (" + Output.text(incident, "status")
                        + "): " + Output.text(incident, "title") : "-",
                "temporal", Output.text(run.path("links"), "temporal_ui"));
        JsonNode retry = incident.path("evidence").path("retry").path("command");
        if (retry.isTextual()) {
            Table.pairs(out, "  ", "retry", retry.asText());
        }
        Table timeline = new Table("AT", "STATE", "NOTE");
        run.path("timeline").forEach(step -> timeline.row(Output.text(step, "at"), Output.text(step, "state"),
                Output.text(step, "note")));
        if (!timeline.empty()) {
            out.println("timeline");
            timeline.print(out, "  ");
        }
    }

    private static String detail(JsonNode side) {
        String detail = Output.text(side, "detail");
        return "-".equals(detail) ? "" : "  (" + detail + ")";
    }

    private static void act(String action, Namespace ns, ApiClient api, Output output) {
        String eventId = ns.getString("event_id");
        Map<String, String> filter = filter(ns);
        boolean dryRun = Boolean.TRUE.equals(ns.getBoolean("dry_run"));
        boolean yes = Boolean.TRUE.equals(ns.getBoolean("yes"));
        if (eventId != null && (!filter.isEmpty() || dryRun || yes)) {
            throw CliFailure.usage("give either an EVENT_ID or a filter (--state, --type …), not both");
        }
        if (eventId == null && filter.isEmpty()) {
            throw CliFailure.usage(action + " needs an EVENT_ID or at least one filter (--state incident …)");
        }
        if (eventId == null) {
            new BulkAction(api, output, action).run(filter, ns.getString("reason"), yes && !dryRun);
            return;
        }
        String path = "/api/runs/" + ApiClient.segment(eventId) + "/" + action;
        if ("retry".equals(action)) {
            ApiClient.Answer answer = api.post(path, Map.of());
            String result = answer.json().path("result").asText();
            output.print(answer, () -> output.line(eventId + ": " + ("restarted".equals(result)
                    ? "restarted from the stored Stripe event" : "re-check signalled to the running run")));
        } else {
            ApiClient.Answer answer = api.post(path, Map.of("reason", ns.getString("reason")));
            output.print(answer, () -> output.line(eventId + ": terminated (" + ns.getString("reason") + ")"));
        }
    }
}
