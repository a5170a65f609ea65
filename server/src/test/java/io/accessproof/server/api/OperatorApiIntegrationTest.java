package io.accessproof.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.StripeSigning;
import io.accessproof.server.support.TestApp;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator API over HTTP against the dev stack: what support and on-call engineers do with it. */
class OperatorApiIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.withShortDeadlines(ConfigOverride.config("api.bulkRatePerSecond", "50"),
                ConfigOverride.config("api.bulkResumeEvery", "1s"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void withoutTheToken_401() throws Exception {
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(stack.app().url("/api/runs"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(stack.app().url("/api/runs")))
                .header("Authorization", "Bearer not_the_token").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrong.body()).path("error").asText()).contains("bearer token");
        assertThat(get("/api/runs").statusCode()).isEqualTo(200);
    }

    @Test
    void listFiltersByCustomerAndPagesWithACursor() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        stack.awaitRun(customer, "proven");
        int runs = Eventually.await(WAIT, "every run of " + customer + " closed", () -> {
            JsonNode all = body(get("/api/runs?customer=" + customer));
            boolean settled = all.path("data").size() > 1 && !all.path("data").findValuesAsText("state")
                    .contains("proving") && !all.path("data").findValuesAsText("state").contains("accepted");
            return settled ? all.path("data").size() : null;
        });

        JsonNode first = body(get("/api/runs?customer=" + customer + "&limit=1"));
        String cursor = first.path("data").get(0).path("event_id").asText();
        JsonNode second = body(get("/api/runs?customer=" + customer + "&limit=1&starting_after=" + cursor));

        assertThat(first.path("object").asText()).isEqualTo("list");
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(second.path("data").get(0).path("event_id").asText()).isNotEqualTo(cursor);
        assertThat(second.path("has_more").asBoolean()).isEqualTo(runs > 2);
        assertThat(body(get("/api/runs?customer=" + customer + "&limit=100")).path("data").findValuesAsText("customer_id"))
                .hasSize(runs).containsOnly(customer);
        assertThat(get("/api/runs?limit=0").statusCode()).isEqualTo(422);
        assertThat(body(get("/api/runs?state=done")).path("error").asText()).startsWith("unknown state 'done'");
        assertThat(get("/api/runs?since=yesterday").statusCode()).isEqualTo(422);
    }

    @Test
    void oneRun_showsThreeStatesExpectationTimelineAndLinks() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "team_monthly");
        String eventId = stack.awaitRun(customer, "proven");

        JsonNode run = body(get("/api/runs/" + eventId));

        assertThat(run.path("paid").asText()).as("Stripe says the subscription is paid for").isEqualTo("paid");
        assertThat(run.path("delivered").asText()).isEqualTo("stored");
        assertThat(run.path("applied").asText()).isEqualTo("confirmed");
        assertThat(run.path("expected").path("plan").asText()).isEqualTo("team");
        assertThat(run.path("observed").path("plan").asText()).isEqualTo("team");
        assertThat(run.path("proof_source").asText()).isEqualTo("probe");
        assertThat(run.path("timeline").findValuesAsText("state")).contains("accepted", "proving", "proven");
        assertThat(run.path("links").path("temporal_ui").asText()).endsWith("/workflows/stripe-" + eventId);
        assertThat(get("/api/runs/evt_does_not_exist").statusCode()).isEqualTo(404);
    }

    @Test
    void incidentRunRetriedAfterTheAppIsFixed_provenLateAndIncidentResolved() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "pro_monthly");
        String eventId = stack.awaitRun(customer, "incident");

        // The app is fixed and the subscription replayed to it; the operator asks accessproof to check again.
        stack.demoFault(customer, "ok");
        String payload = rawEvent(stack.jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM stripe_events "
                + "WHERE customer_id = :c AND type = 'customer.subscription.created'").bind("c", customer)
                .mapTo(String.class).one()));
        post(stack.demoWebhookUrl(), payload, Map.of("Stripe-Signature", StripeSigning.header(payload, TestApp.SECRET)));
        HttpResponse<String> retry = post(stack.app().url("/api/runs/" + eventId + "/retry"), "{}", auth());

        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(body(retry).path("result").asText()).isEqualTo("recheck_signalled");
        JsonNode run = Eventually.await(WAIT, eventId + " proven late with its incident resolved", () -> {
            JsonNode r = body(get("/api/runs/" + eventId));
            return "proven_late".equals(r.path("state").asText())
                    && "resolved".equals(r.path("incident").path("status").asText()) ? r : null;
        });
        assertThat(run.path("incident").path("resolved_how").asText()).isEqualTo("proven_late");
        assertThat(audit("run.retry", eventId)).isEqualTo(1);
    }

    @Test
    void closedRunRetried_startsAgainFromTheStoredEvent() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        String eventId = stack.awaitRun(customer, "proven");
        int stepsBefore = body(get("/api/runs/" + eventId)).path("timeline").size();

        HttpResponse<String> retry = post(stack.app().url("/api/runs/" + eventId + "/retry"), "{}", auth());

        assertThat(body(retry).path("result").asText()).isEqualTo("restarted");
        Eventually.await(WAIT, "a second proof of " + eventId, () -> {
            JsonNode timeline = body(get("/api/runs/" + eventId)).path("timeline");
            return timeline.findValuesAsText("state").stream().filter("proven"::equals).count() == 2;
        });
        assertThat(body(get("/api/runs/" + eventId)).path("timeline").size()).isGreaterThan(stepsBefore + 2);
        assertThat(post(stack.app().url("/api/runs/evt_nope/retry"), "{}", auth()).statusCode()).isEqualTo(404);
    }

    @Test
    void terminate_needsAReason_closesTheRunAndItsIncident_once() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "pro_monthly");
        String eventId = stack.awaitRun(customer, "incident");

        HttpResponse<String> noReason = post(stack.app().url("/api/runs/" + eventId + "/terminate"), "{}", auth());
        HttpResponse<String> done = post(stack.app().url("/api/runs/" + eventId + "/terminate"),
                "{\"reason\":\"customer refunded\"}", auth());
        HttpResponse<String> again = post(stack.app().url("/api/runs/" + eventId + "/terminate"),
                "{\"reason\":\"twice\"}", auth());

        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(409);
        JsonNode run = body(get("/api/runs/" + eventId));
        assertThat(run.path("state").asText()).isEqualTo("terminated");
        assertThat(run.path("incident").path("resolved_how").asText()).isEqualTo("terminated");
        assertThat(run.path("timeline").findValuesAsText("note")).anyMatch(n -> n.contains("customer refunded"));
        assertThat(audit("run.terminate", eventId)).isEqualTo(1);
    }

    @Test
    void bulkTerminate_dryRunTouchesNothing_realRunTerminatesEveryMatchAndIsAudited() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "pro_monthly");
        String eventId = stack.awaitRun(customer, "incident");
        List<String> inIncident = stack.awaitSettled(customer).get("incident");
        String filter = "\"customer\":\"" + customer + "\",\"state\":\"incident\",\"reason\":\"bad deploy rolled back\"";

        JsonNode dry = body(post(stack.app().url("/api/runs/terminate"), "{" + filter + ",\"dry_run\":true}", auth()));
        assertThat(dry.path("count").asInt()).isEqualTo(inIncident.size());
        assertThat(textValues(dry.path("event_ids"))).containsExactlyInAnyOrderElementsOf(inIncident).contains(eventId);
        assertThat(stack.state(eventId)).isEqualTo("incident");

        JsonNode job = body(post(stack.app().url("/api/runs/terminate"), "{" + filter + ",\"dry_run\":false}", auth()));
        String jobId = job.path("job_id").asText();
        JsonNode progress = Eventually.await(WAIT, "bulk job " + jobId + " finished", () -> {
            JsonNode p = body(get("/api/runs/jobs/" + jobId));
            return "finished".equals(p.path("status").asText()) ? p : null;
        });

        assertThat(progress.path("total").asInt()).isEqualTo(inIncident.size());
        assertThat(progress.path("failed").asInt()).isZero();
        assertThat(inIncident).allMatch(id -> "terminated".equals(stack.state(id)));
        assertThat(audit("runs.bulk_terminate", jobId)).isEqualTo(1);
        assertThat(post(stack.app().url("/api/runs/retry"), "{\"dry_run\":true}", auth()).statusCode()).isEqualTo(422);
        assertThat(post(stack.app().url("/api/runs/terminate"), "{\"customer\":\"" + customer + "\"}", auth())
                .statusCode()).isEqualTo(422);
    }

    /** The job's workflow is gone (an in-memory Temporal restarted): a replica starts it again from its checkpoint. */
    @Test
    void bulkJobWhoseWorkflowWasLost_resumesFromItsCheckpointInPostgres() throws Exception {
        List<String> inIncident = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String customer = stack.newCustomer();
            stack.demoFault(customer, "drop");
            stack.subscribe(customer, "pro_monthly");
            stack.awaitRun(customer, "incident");
            inIncident.addAll(stack.awaitSettled(customer).get("incident"));
        }
        String actedOnBeforeTheLoss = inIncident.get(0);
        stack.jdbi().useHandle(h -> h.createUpdate("INSERT INTO bulk_jobs (job_id, action, actor, reason, filter, "
                        + "event_ids, position) VALUES ('job_lost', 'terminate', 'ops', 'bad deploy', '{}', :ids, 1)")
                .bind("ids", inIncident.toArray(String[]::new)).execute());

        JsonNode progress = Eventually.await(WAIT, "the lost bulk job finished", () -> {
            JsonNode p = body(get("/api/runs/jobs/job_lost"));
            return "finished".equals(p.path("status").asText()) ? p : null;
        });

        assertThat(progress.path("done").asInt()).isEqualTo(inIncident.size());
        assertThat(stack.state(actedOnBeforeTheLoss)).isEqualTo("incident");
        assertThat(inIncident.subList(1, inIncident.size())).allMatch(id -> "terminated".equals(stack.state(id)));
        assertThat(get("/api/runs/jobs/job_nope").statusCode()).isEqualTo(404);
    }

    @Test
    void incidents_listedAcknowledgedAndResolvedWithANote() throws Exception {
        String customer = stack.newCustomer();
        stack.demoFault(customer, "drop");
        stack.subscribe(customer, "team_monthly");
        String eventId = stack.awaitRun(customer, "incident");
        JsonNode open = null;
        for (JsonNode incident : body(get("/api/incidents?status=open&customer=" + customer)).path("data")) {
            open = eventId.equals(incident.path("event_id").asText()) ? incident : open;
        }
        assertThat(open).as("the open incident of " + eventId).isNotNull();
        String id = open.path("id").asText();
        assertThat(open.path("customer_id").asText()).isEqualTo(customer);
        assertThat(open.path("title").asText()).startsWith("Customer access did not change after Stripe event");
        assertThat(open.path("group_count").asInt()).isGreaterThanOrEqualTo(1);

        long falseAlarmsBefore = body(get("/api/summary")).path("false_alarms_30d").asLong();
        JsonNode acked = body(post(stack.app().url("/api/incidents/" + id + "/ack"), "{}", auth()));
        HttpResponse<String> noNote = post(stack.app().url("/api/incidents/" + id + "/resolve"), "{}", auth());
        HttpResponse<String> unknownReason = post(stack.app().url("/api/incidents/" + id + "/resolve"),
                "{\"note\":\"x\",\"reason\":\"bored\"}", auth());
        JsonNode resolved = body(post(stack.app().url("/api/incidents/" + id + "/resolve"),
                "{\"note\":\"the customer had pro all along\",\"reason\":\"false_alarm\"}", auth()));
        HttpResponse<String> twice = post(stack.app().url("/api/incidents/" + id + "/resolve"),
                "{\"note\":\"again\"}", auth());

        assertThat(acked.path("status").asText()).isEqualTo("acknowledged");
        assertThat(acked.path("acknowledged_by").asText()).isEqualTo("token-1");
        assertThat(noNote.statusCode()).isEqualTo(422);
        assertThat(resolved.path("status").asText()).isEqualTo("resolved");
        assertThat(resolved.path("resolved_how").asText()).isEqualTo("manual");
        assertThat(unknownReason.statusCode()).isEqualTo(422);
        assertThat(unknownReason.body()).contains("reason must be one of fixed, false_alarm, duplicate, other");
        assertThat(resolved.path("resolved_reason").asText()).isEqualTo("false_alarm");
        assertThat(body(get("/api/summary")).path("false_alarms_30d").asLong()).isEqualTo(falseAlarmsBefore + 1);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(idsOf(body(get("/api/incidents?status=resolved&customer=" + customer)))).contains(id);
        assertThat(get("/api/incidents?status=closed").statusCode()).isEqualTo(422);
        assertThat(audit("incident.ack", id) + audit("incident.resolve", id)).isEqualTo(2);
    }

    @Test
    void customerAccess_answersYesForAProvenCustomerAndNoForADroppedOne() throws Exception {
        String paying = stack.newCustomer();
        String dropped = stack.newCustomer();
        stack.demoFault(dropped, "drop");
        stack.subscribe(paying, "pro_monthly");
        stack.subscribe(dropped, "team_monthly");
        stack.awaitRun(paying, "proven");
        stack.awaitRun(dropped, "incident");
        stack.awaitSettled(paying);
        stack.awaitSettled(dropped);

        JsonNode yes = body(get("/api/customers/" + paying + "/access"));
        JsonNode no = body(get("/api/customers/" + dropped + "/access"));

        assertThat(yes.path("has_access_they_paid_for").asBoolean()).as(yes.toString()).isTrue();
        assertThat(yes.path("stripe").path("paid_for").path("plan").asText()).isEqualTo("pro");
        assertThat(yes.path("app").path("plan").asText()).isEqualTo("pro");
        assertThat(yes.path("answer").asText()).startsWith("Yes");
        assertThat(no.path("has_access_they_paid_for").isBoolean()).isTrue();
        assertThat(no.path("has_access_they_paid_for").asBoolean()).as(no.toString()).isFalse();
        assertThat(no.path("answer").asText()).startsWith("No: Stripe says plan team with access");
        assertThat(get("/api/customers/cus_nobody/access").statusCode()).isEqualTo(404);
    }

    @Test
    void summary_countsRunsByStateAndTimeToProof() throws Exception {
        String customer = stack.newCustomer();
        stack.subscribe(customer, "pro_monthly");
        stack.awaitRun(customer, "proven");

        JsonNode summary = body(get("/api/summary"));

        assertThat(summary.path("runs").path("by_state").path("proven").asInt()).isPositive();
        assertThat(summary.path("runs").path("total").asInt()).isGreaterThanOrEqualTo(
                summary.path("runs").path("by_state").path("proven").asInt());
        List<String> types = new ArrayList<>(summary.path("time_to_proof").findValuesAsText("event_type"));
        assertThat(types).contains("customer.subscription.created");
        assertThat(summary.path("proven_within_deadline").path("share").asDouble()).isBetween(0.0, 1.0);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + TestApp.API_TOKEN, "Content-Type", "application/json");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.app().url(path)))
                .header("Authorization", "Bearer " + TestApp.API_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::setHeader);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static List<String> textValues(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> idsOf(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(incident -> ids.add(incident.path("id").asText()));
        return ids;
    }

    private static int audit(String action, String target) {
        return stack.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = :a "
                + "AND target = :t AND actor = 'token-1'").bind("a", action).bind("t", target).mapTo(Integer.class).one());
    }

    private static String rawEvent(String eventId) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.emulator().baseUrl() + "/v1/events/" + eventId))
                .header("Authorization", "Bearer sk_test_stack").build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
