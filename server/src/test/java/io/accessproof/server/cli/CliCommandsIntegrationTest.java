package io.accessproof.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.FreePorts;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator commands against a running server (the dev stack on free ports): output and exit codes. */
class CliCommandsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines(ConfigOverride.config("api.bulkRatePerSecond", "20"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void runsList_printsAnAlignedTable_filtersAndPages() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        stack.awaitSettled(customer);

        CliRunner.Result table = cli("runs", "list", "--customer", customer);
        CliRunner.Result json = cli("runs", "list", "--customer", customer, "--json");
        CliRunner.Result page = cli("runs", "list", "--customer", customer, "--limit", "1");

        assertThat(table.exitCode()).as(table.stderr()).isZero();
        List<String> lines = table.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("EVENT").contains("CUSTOMER", "STATE", "EXPECTED", "OBSERVED");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allMatch(l -> l.startsWith("evt_") && l.contains(customer));
        assertThat(lines.get(1).indexOf(customer)).isEqualTo(lines.get(0).indexOf("CUSTOMER"));
        assertThat(table.stdout()).contains("proven");
        JsonNode body = JSON.readTree(json.stdout());
        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data").findValuesAsText("customer_id")).isNotEmpty().containsOnly(customer);
        assertThat(page.stdout()).contains("more: add --starting-after evt_");
    }

    @Test
    void runsList_refusedFilter_exit4WithTheApiMessage() throws Exception {
        CliRunner.Result result = cli("runs", "list", "--state", "done");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.stderr()).contains("422").contains("unknown state 'done'");
    }

    @Test
    void runsShow_printsTheRunWithItsTimeline_unknownRunExit3() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "team_monthly");
        String eventId = stack.awaitRun(customer, "proven");

        CliRunner.Result shown = cli("runs", "show", eventId);
        CliRunner.Result missing = cli("runs", "show", "evt_does_not_exist");

        assertThat(shown.exitCode()).isZero();
        assertThat(shown.stdout()).startsWith("run " + eventId).contains("state", "proven", "expected", "team",
                "paid/delivered/applied", "paid / stored / confirmed", "timeline", "/workflows/stripe-" + eventId);
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.stderr()).contains("no run for event evt_does_not_exist");
    }

    @Test
    void runsRetry_closedRunRestarts_withoutAnIdOrFilterIsAUsageError() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        String eventId = stack.awaitRun(customer, "proven");

        CliRunner.Result retried = cli("runs", "retry", eventId);
        CliRunner.Result nothing = cli("runs", "retry");
        CliRunner.Result both = cli("runs", "retry", eventId, "--state", "incident");

        assertThat(retried.exitCode()).as(retried.stderr()).isZero();
        assertThat(retried.stdout()).contains(eventId + ": restarted from the stored Stripe event");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.stderr()).contains("needs an EVENT_ID or at least one filter");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(cli("runs", "retry", "evt_nope").exitCode()).isEqualTo(3);
    }

    @Test
    void runsTerminate_needsAReason_terminatesOnce_thenRefused() throws Exception {
        String customer = customerInIncident("pro_monthly");
        String eventId = stack.awaitRun(customer, "incident");

        CliRunner.Result noReason = cli("runs", "terminate", eventId);
        CliRunner.Result done = cli("runs", "terminate", eventId, "--reason", "customer refunded");
        CliRunner.Result again = cli("runs", "terminate", eventId, "--reason", "twice");

        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(done.exitCode()).as(done.stderr()).isZero();
        assertThat(done.stdout()).contains(eventId + ": terminated (customer refunded)");
        assertThat(stack.state(eventId)).isEqualTo("terminated");
        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.stderr()).contains("409").contains("nothing to terminate");
    }

    @Test
    void bulkRetry_withoutYesOnlyPreviews_withYesRunsTheJobWithProgress() throws Exception {
        String customer = customerInIncident("pro_monthly");
        List<String> inIncident = stack.awaitSettled(customer).get("incident");
        int before = audits("runs.bulk_retry");

        CliRunner.Result preview = cli("runs", "retry", "--state", "incident", "--customer", customer);
        CliRunner.Result dryRun = cli("runs", "retry", "--state", "incident", "--customer", customer, "--dry-run", "--yes");
        assertThat(audits("runs.bulk_retry")).isEqualTo(before);
        CliRunner.Result real = cli("runs", "retry", "--state", "incident", "--customer", customer, "--yes");

        int n = inIncident.size();
        assertThat(preview.exitCode()).isZero();
        assertThat(preview.stdout()).contains("dry run: would retry " + n + " run", "nothing was changed; add --yes")
                .contains(inIncident.get(0));
        assertThat(dryRun.stdout()).contains("nothing was changed");
        assertThat(real.exitCode()).as(real.stderr()).isZero();
        assertThat(real.stdout()).contains("dry run: would retry " + n, "started job_",
                "] " + n + "/" + n, n + " of " + n + " runs retried, 0 failed").doesNotContain("nothing was changed");
        assertThat(audits("runs.bulk_retry")).isEqualTo(before + 1);
    }

    @Test
    void bulkTerminate_withYes_terminatesEveryMatch_nothingMatchingStartsNoJob() throws Exception {
        String customer = customerInIncident("pro_monthly");
        List<String> inIncident = stack.awaitSettled(customer).get("incident");

        CliRunner.Result real = cli("runs", "terminate", "--state", "incident", "--customer", customer,
                "--reason", "bad deploy rolled back", "--yes", "--json");
        CliRunner.Result none = cli("runs", "terminate", "--state", "incident", "--customer", customer,
                "--reason", "again", "--yes");

        assertThat(real.exitCode()).as(real.stderr()).isZero();
        JsonNode job = JSON.readTree(real.stdout());
        assertThat(job.path("status").asText()).isEqualTo("finished");
        assertThat(job.path("total").asInt()).isEqualTo(inIncident.size());
        assertThat(inIncident).allMatch(id -> "terminated".equals(stack.state(id)));
        assertThat(none.exitCode()).isZero();
        assertThat(none.stdout()).contains("no run matches: nothing to terminate");
    }

    @Test
    void incidents_listedAcknowledgedAndResolved() throws Exception {
        String customer = customerInIncident("team_monthly");
        String id = JSON.readTree(cli("incidents", "list", "--customer", customer, "--json").stdout())
                .path("data").get(0).path("id").asText();

        CliRunner.Result list = cli("incidents", "list", "--customer", customer);
        CliRunner.Result ack = cli("incidents", "ack", id);
        CliRunner.Result noNote = cli("incidents", "resolve", id);
        CliRunner.Result badReason = cli("incidents", "resolve", id, "--note", "x", "--reason", "bored");
        CliRunner.Result resolved = cli("incidents", "resolve", id, "--note", "granted by hand", "--reason", "duplicate");
        CliRunner.Result twice = cli("incidents", "resolve", id, "--note", "again");

        assertThat(list.exitCode()).isZero();
        assertThat(list.stdout().lines().findFirst().orElseThrow()).startsWith("INCIDENT").contains("KIND", "TITLE");
        assertThat(list.stdout()).contains(id, "access_not_granted", "open",
                "Customer access did not change after Stripe event");
        assertThat(ack.stdout()).contains(id + ": acknowledged");
        assertThat(noNote.exitCode()).isEqualTo(2);
        assertThat(resolved.exitCode()).isZero();
        assertThat(resolved.stdout()).contains(id + ": resolved");
        assertThat(badReason.exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(cli("incidents", "list", "--customer", customer, "--status", "resolved", "--json")
                .stdout()).path("data").get(0).path("resolved_reason").asText()).isEqualTo("duplicate");
        assertThat(twice.exitCode()).isEqualTo(4);
        // The customer may have a second incident (its entitlement summary's run): the resolved one is gone.
        assertThat(cli("incidents", "list", "--customer", customer).stdout()).doesNotContain(id);
        assertThat(cli("incidents", "list", "--customer", customer, "--status", "resolved").stdout()).contains(id);
        assertThat(cli("incidents", "ack", "inc_nope").exitCode()).isEqualTo(3);
    }

    @Test
    void customersAccess_yesExits0_noExits1_unknownCustomerExits3() throws Exception {
        String paying = stack.newCustomer();
        String dropped = stack.newCustomer();
        stack.demoFault(dropped, "drop");
        stack.subscribe(paying, "pro_monthly");
        stack.subscribe(dropped, "team_monthly");
        stack.awaitSettled(paying);
        stack.awaitRun(dropped, "incident");
        stack.awaitSettled(dropped);

        CliRunner.Result yes = cli("customers", "access", paying);
        CliRunner.Result no = cli("customers", "access", dropped);
        CliRunner.Result noJson = cli("customers", "access", dropped, "--json");

        assertThat(yes.exitCode()).as(yes.stdout() + yes.stderr()).isZero();
        assertThat(yes.stdout()).startsWith("Yes: ").contains("plan pro", "latest runs", "proven");
        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.stdout()).startsWith("No: Stripe says plan team with access").contains("incident");
        assertThat(no.stderr()).isEmpty();
        assertThat(noJson.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(noJson.stdout()).path("has_access_they_paid_for").asBoolean(true)).isFalse();
        assertThat(cli("customers", "access", "cus_nobody").exitCode()).isEqualTo(3);
    }

    @Test
    void wrongToken_exit4WithoutPrintingIt_unreachableServer_exit5() throws Exception {
        CliRunner.Result refused = CliRunner.run("runs", "list", "--url", stack.app().url(""), "--token",
                "ap_wrong_secret_value");
        CliRunner.Result unreachable = CliRunner.run("runs", "list", "--url", "http://127.0.0.1:" + FreePorts.next(),
                "--token", TestApp.API_TOKEN);

        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.stderr()).contains("401");
        assertThat(refused.stdout() + refused.stderr()).doesNotContain("ap_wrong_secret_value");
        assertThat(unreachable.exitCode()).isEqualTo(5);
        assertThat(unreachable.stderr()).contains("cannot reach accessproof at http://127.0.0.1:");
    }

    @Test
    void urlAndTokenComeFromTheEnvironment() throws Exception {
        CliRunner.Result result = CliRunner.run(Map.of("ACCESSPROOF_URL", stack.app().url(""),
                "ACCESSPROOF_API_TOKEN", TestApp.API_TOKEN + ",ap_other"), "runs", "list", "--json");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(JSON.readTree(result.stdout()).path("object").asText()).isEqualTo("list");
    }

    @Test
    void missingOrUnknownAction_isAUsageError() throws Exception {
        assertThat(CliRunner.run("runs").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("runs", "explode").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("incidents", "list", "--status", "closed").exitCode()).isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** A customer whose payment the demo app dropped, once a run of it is in incident. */
    private static String customerInIncident(String lookupKey) throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, lookupKey);
        stack.awaitRun(customer, "incident");
        return customer;
    }

    private static CliRunner.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", stack.app().url(""), "--token", TestApp.API_TOKEN));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static int audits(String action) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = :a")
                .bind("a", action).mapTo(Integer.class).one());
    }
}
