package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The failure drill against a running stack: break the app for one customer and demand the incident,
 * leave it alone for another and demand the proof. Everything it knows comes from the operator API, as
 * an operator's would.
 */
final class Drill {
    static final String PLAN_KEY = "pro_monthly";
    static final String PLAN = "pro";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Set<String> OPEN_STATES = Set.of("accepted", "proving");
    private static final Set<String> PROVEN_STATES = Set.of("proven", "proven_late", "superseded", "not_applicable");
    private static final String DELETED = "customer.subscription.deleted";

    private final ApiClient api;
    private final EmulatorBilling billing;
    private final DemoAppControl demo;
    private final PrintStream out;
    private final long deadline;

    Drill(ApiClient api, EmulatorBilling billing, DemoAppControl demo, Duration timeout, PrintStream out) {
        this.api = api;
        this.billing = billing;
        this.demo = demo;
        this.out = out;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** A paid subscription the app drops must raise "access did not change"; the control is proven. */
    List<DrillCase> grant() {
        String broken = billing.newCustomer("drill-fault@example.com");
        demo.fault(broken, "drop");
        String brokenSub = billing.subscribe(broken, PLAN_KEY);
        say("fault: customer " + broken + " pays for " + PLAN_KEY + " (" + brokenSub + "); the demo app drops it");
        // The control starts at once, so the drill lasts one run deadline, not two.
        String control = billing.newCustomer("drill-control@example.com");
        String controlSub = billing.subscribe(control, PLAN_KEY);

        say("  waiting for the incident (it opens at the stack's run deadline) …");
        DrillCase fault = new DrillCase("incident for " + broken);
        awaitIncident(broken, brokenSub, null).ifPresentOrElse(
                incident -> IncidentChecks.accessNotGranted(fault.verdict(title(incident)), incident, broken,
                        brokenSub, PLAN),
                () -> fault.fail(noIncident(broken)));
        fault.print(out);

        say("control: customer " + control + " pays for " + PLAN_KEY + " (" + controlSub + "); no fault");
        DrillCase proven = new DrillCase("control proven");
        awaitProven(control, null, proven);
        proven.print(out);
        return List.of(fault, proven);
    }

    /** A cancellation the app ignores must raise "access was not removed"; the control is proven revoked. */
    List<DrillCase> revocation() {
        String broken = billing.newCustomer("drill-revocation-fault@example.com");
        String brokenSub = billing.subscribe(broken, PLAN_KEY);
        String control = billing.newCustomer("drill-revocation-control@example.com");
        String controlSub = billing.subscribe(control, PLAN_KEY);
        say("revocation fault: customer " + broken + " pays for " + PLAN_KEY + " (" + brokenSub
                + "), then cancels; the demo app drops the cancellation");
        DrillCase fault = new DrillCase("incident for " + broken);
        DrillCase before = new DrillCase("subscription proven before the cancellation");
        if (awaitProven(broken, null, before)) {
            demo.fault(broken, "drop");
            billing.cancel(brokenSub);
            say("  cancelled; waiting for the incident (it opens at the stack's deadline for " + DELETED + ") …");
            awaitIncident(broken, brokenSub, DELETED).ifPresentOrElse(
                    incident -> IncidentChecks.accessNotRevoked(fault.verdict(title(incident)), incident, broken,
                            brokenSub, PLAN),
                    () -> fault.fail(noIncident(broken)));
        } else {
            before.print(out);
            fault.fail("the subscription was never proven, so its cancellation could not be drilled");
        }
        fault.print(out);

        say("control: customer " + control + " pays for " + PLAN_KEY + " (" + controlSub + "), then cancels; no fault");
        DrillCase revoked = new DrillCase("control proven revoked");
        DrillCase controlBefore = new DrillCase("control subscription proven");
        if (awaitProven(control, null, controlBefore)) {
            billing.cancel(controlSub);
            awaitProven(control, DELETED, revoked);
        } else {
            controlBefore.print(out);
            revoked.fail("the control subscription was never proven, so its cancellation could not be drilled");
        }
        revoked.print(out);
        return List.of(fault, revoked);
    }

    /**
     * The incident of the drilled subscription. A customer's entitlement-summary events carry no
     * subscription and raise incidents of their own, so the one that names the subscription is waited for;
     * once every run has closed without it, whatever incident there is gets judged (and fails).
     */
    private Optional<JsonNode> awaitIncident(String customer, String subscription, String type) {
        String[] why = {null};
        Optional<JsonNode> incident = Poll.until(remaining(), POLL, () -> {
            Optional<JsonNode> named = naming(incidents(customer), subscription);
            if (named.isPresent()) {
                return named;
            }
            if (!closed(runs(customer, type))) {
                return Optional.empty();
            }
            // The run may have closed with its incident between the two reads: read the incidents again.
            JsonNode data = incidents(customer);
            named = naming(data, subscription);
            if (named.isPresent()) {
                return named;
            }
            if (!data.isEmpty()) {
                return Optional.of(data.get(0));
            }
            why[0] = "every run closed without an incident " + states(runs(customer, type))
                    + ": the app applied the change although the demo app was told to drop it";
            return Optional.of(ApiClient.JSON.nullNode());
        });
        if (incident.isPresent() && incident.get().isNull()) {
            say("  " + why[0]);
            return Optional.empty();
        }
        return incident;
    }

    private static Optional<JsonNode> naming(JsonNode incidents, String subscription) {
        for (JsonNode candidate : incidents) {
            if (subscription.equals(candidate.path("evidence").path("subscription_id").asText())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private JsonNode incidents(String customer) {
        return api.get("/api/incidents", Map.of("status", "all", "customer", customer)).json().path("data");
    }

    /** Waits until the customer's runs (of this type, or all) have closed; checks they were proven. */
    private boolean awaitProven(String customer, String type, DrillCase c) {
        Optional<JsonNode> settled = Poll.until(remaining(), POLL, () -> {
            JsonNode runs = runs(customer, type);
            return closed(runs) ? Optional.of(runs) : Optional.empty();
        });
        if (settled.isEmpty()) {
            c.fail("the runs of " + customer + (type == null ? "" : " (" + type + ")") + " did not close before "
                    + "--timeout: " + states(runs(customer, type)));
            return false;
        }
        JsonNode runs = settled.get();
        JsonNode shown = first(runs, "proven");
        boolean allProven = PROVEN_STATES.containsAll(states(runs)) && shown != null;
        if (shown == null) {
            shown = runs.get(0);
        }
        c.verdict("run " + Output.text(shown, "event_id") + " (" + Output.text(shown, "event_type") + ") "
                + Output.text(shown, "state") + ": expected " + Output.side(shown.path("expected")) + ", observed "
                + Output.side(shown.path("observed")));
        c.check(allProven, "every run of " + customer + (type == null ? "" : " (" + type + ")")
                + " proven: " + states(runs));
        if (DELETED.equals(type)) {
            c.check(!shown.path("expected").path("access").asBoolean(true)
                    && !shown.path("observed").path("access").asBoolean(true), "access removed in Stripe and the app");
        } else {
            c.check(PLAN.equals(shown.path("observed").path("plan").asText()), "the app shows plan "
                    + Output.text(shown.path("observed"), "plan"));
        }
        return c.passed();
    }

    private static boolean closed(JsonNode runs) {
        return !runs.isEmpty() && states(runs).stream().noneMatch(OPEN_STATES::contains);
    }

    private JsonNode runs(String customer, String type) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("customer", customer);
        query.put("type", type);
        query.put("limit", 100);
        return api.get("/api/runs", query).json().path("data");
    }

    private static List<String> states(JsonNode runs) {
        List<String> states = new ArrayList<>();
        runs.forEach(r -> states.add(r.path("state").asText()));
        return states;
    }

    private static JsonNode first(JsonNode runs, String state) {
        for (JsonNode run : runs) {
            if (state.equals(run.path("state").asText())) {
                return run;
            }
        }
        return null;
    }

    private static String title(JsonNode incident) {
        return Output.text(incident, "id") + "  " + Output.text(incident, "title");
    }

    private static String noIncident(String customer) {
        return "no incident for " + customer + " (see the line above, or the runs: ./accessproof runs list --customer "
                + customer + ")";
    }

    private Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
