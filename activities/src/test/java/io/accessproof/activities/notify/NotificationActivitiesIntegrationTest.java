package io.accessproof.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.activities.incidents.IncidentActivitiesImpl;
import io.accessproof.activities.incidents.IncidentLinks;
import io.accessproof.store.DataSources;
import io.accessproof.store.Jdbis;
import io.accessproof.store.Json;
import io.accessproof.store.Migrations;
import io.accessproof.store.TestPostgres;
import io.accessproof.store.notifications.NotificationDao;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.Evidence;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationActivitiesIntegrationTest {
    private static final String SECRET = "whsec_sink_secret_1";
    private static final String ROUTING_KEY = "R0UTINGKEY0123456789abcdef012345";
    private static final AtomicInteger EVENTS = new AtomicInteger();

    private static TestPostgres.Database db;
    private static HikariDataSource dataSource;
    private static Jdbi jdbi;

    private LoopbackReceiver receiver;
    private final JsonPost post = JsonPost.withDefaults();

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
        dataSource = DataSources.pool("notify-test", db.jdbcUrl(), db.user(), db.password(), 4, Duration.ofSeconds(2));
        Migrations.migrate(dataSource);
        jdbi = Jdbis.create(dataSource);
    }

    @AfterAll
    static void dropDatabase() {
        dataSource.close();
        db.close();
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new LoopbackReceiver(200).usually("/pagerduty", 202);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void webhookSink_postsTheIncidentSignedWithItsSecret_andRecordsTheAttempt() throws Exception {
        String id = openIncident(IncidentKind.ACCESS_NOT_GRANTED);

        activities(false, webhook("hook", "/hook", SinkFilter.ALL)).incidentOpened(opened(id, false));

        LoopbackReceiver.Request request = single("/hook");
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertThat(body.path("type").asText()).isEqualTo("incident.opened");
        assertThat(body.path("livemode").asBoolean(true)).isFalse();
        assertThat(body.at("/incident/id").asText()).isEqualTo(id);
        assertThat(body.at("/incident/kind").asText()).isEqualTo("access_not_granted");
        assertThat(body.at("/incident/title").asText()).startsWith("Customer access did not change");
        assertThat(body.at("/incident/customer_id").asText()).isEqualTo("cus_n");
        assertThat(body.at("/incident/evidence/expected_plan").asText()).isEqualTo("pro");
        assertThat(body.at("/incident/evidence/observed_plan").asText()).isEqualTo("free");
        assertThat(body.at("/incident/evidence/retry/command").asText()).startsWith("./accessproof runs retry evt_");
        String signature = request.header(WebhookSink.SIGNATURE_HEADER);
        assertThat(signature).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(Webhook.Signature.verifyHeader(request.body(), signature, SECRET, 300)).isTrue();
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(request.body(), signature, "whsec_other", 300))
                .isInstanceOf(SignatureVerificationException.class);

        JsonNode attempt = sinkAttempts(id).get(0);
        assertThat(attempt.path("sink").asText()).isEqualTo("hook");
        assertThat(attempt.path("type").asText()).isEqualTo("webhook");
        assertThat(attempt.path("action").asText()).isEqualTo("open");
        assertThat(attempt.path("outcome").asText()).isEqualTo("sent");
        assertThat(attempt.path("status").asInt()).isEqualTo(200);
        assertThat(Instant.parse(attempt.path("at").asText())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(notifiedText(id)).doesNotContain(SECRET);
    }

    @Test
    void slackSink_messageHasTitleCustomerExpectedObservedAndLinks() throws Exception {
        String id = openIncident(IncidentKind.ACCESS_NOT_GRANTED);

        activities(false, new SlackSink(new SinkSpec("ops", SinkType.SLACK, SinkFilter.ALL), receiver.url("/slack"),
                post)).incidentOpened(opened(id, false));

        JsonNode message = Json.MAPPER.readTree(single("/slack").body());
        assertThat(message.path("text").asText()).contains("Customer access did not change after Stripe event");
        String blocks = message.path("blocks").toString();
        assertThat(blocks).contains("cus_n", "*Expected*\\npro, access", "*Observed*\\nfree, access",
                "http://temporal.test/namespaces/default/workflows/stripe-evt_",
                "Retry: `./accessproof runs retry evt_");
    }

    @Test
    void pagerDuty_triggerOnOpenThenResolveWithTheSameDedupKey() throws Exception {
        String id = openIncident(IncidentKind.ACCESS_NOT_GRANTED);
        NotificationActivitiesImpl activities = activities(false, pagerDuty("pd", SinkFilter.ALL));

        activities.incidentOpened(opened(id, true));
        resolve(id);
        activities.incidentResolved(resolved(id, true));

        List<LoopbackReceiver.Request> events = receiver.requests("/pagerduty");
        assertThat(events).hasSize(2);
        JsonNode trigger = Json.MAPPER.readTree(events.get(0).body());
        JsonNode resolve = Json.MAPPER.readTree(events.get(1).body());
        assertThat(trigger.path("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(trigger.path("dedup_key").asText()).isEqualTo(id);
        assertThat(trigger.at("/payload/summary").asText()).startsWith("Customer access did not change");
        assertThat(trigger.at("/payload/severity").asText()).isEqualTo("error");
        assertThat(trigger.at("/payload/source").asText()).isEqualTo("accessproof");
        assertThat(trigger.at("/payload/custom_details/customer_id").asText()).isEqualTo("cus_n");
        assertThat(trigger.at("/links/0/href").asText()).startsWith("http://temporal.test/");
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(id);
        assertThat(resolve.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(sinkAttempts(id)).extracting(a -> a.path("action").asText() + ":" + a.path("status").asInt())
                .containsExactly("open:202", "resolve:202");
        assertThat(notifiedText(id)).doesNotContain(ROUTING_KEY);
    }

    @Test
    void sinkAnswers500_activityThrowsRetryably_andTheRetryCallsOnlyTheFailedSink() {
        String id = openIncident(IncidentKind.ACCESS_NOT_GRANTED);
        receiver.answer("/flaky", 500);
        NotificationActivitiesImpl activities = activities(false, webhook("steady", "/steady", SinkFilter.ALL),
                webhook("flaky", "/flaky", SinkFilter.ALL));

        assertThatThrownBy(() -> activities.incidentOpened(opened(id, false)))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(FailureType.NOTIFICATION_FAILED.name());
                    assertThat(failure.isNonRetryable()).isFalse();
                    assertThat(failure.getOriginalMessage()).contains("flaky: HTTP 500");
                });
        activities.incidentOpened(opened(id, false));

        assertThat(receiver.requests("/steady")).hasSize(1);
        assertThat(receiver.requests("/flaky")).hasSize(2);
        assertThat(sinkAttempts(id)).extracting(a -> a.path("sink").asText() + ":" + a.path("outcome").asText())
                .containsExactly("steady:sent", "flaky:failed", "flaky:sent");
        // A third delivery of the same (incident, action) sends nothing more.
        activities.incidentOpened(opened(id, false));
        assertThat(receiver.requests("/flaky")).hasSize(2);
    }

    @Test
    void sinkAnswers400_activityFailsNonRetryably_andTheSinkIsNotCalledAgain() {
        String id = openIncident(IncidentKind.ACCESS_NOT_GRANTED);
        receiver.answer("/pagerduty", 400);
        NotificationActivitiesImpl activities = activities(false, pagerDuty("pd", SinkFilter.ALL));

        assertThatThrownBy(() -> activities.incidentOpened(opened(id, false)))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(FailureType.NOTIFICATION_REJECTED.name());
                    assertThat(failure.isNonRetryable()).isTrue();
                });
        activities.incidentOpened(opened(id, false));

        assertThat(receiver.requests("/pagerduty")).hasSize(1);
        assertThat(sinkAttempts(id)).extracting(a -> a.path("outcome").asText()).containsExactly("rejected");
    }

    @Test
    void receiverDown_attemptRecordsTheErrorAndTheActivityThrows() throws IOException {
        String id = openIncident(IncidentKind.ACCESS_NOT_GRANTED);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Sink down = new WebhookSink(new SinkSpec("down", SinkType.WEBHOOK, SinkFilter.ALL),
                URI.create("http://127.0.0.1:" + closedPort + "/secret-path"), SECRET, post);

        assertThatThrownBy(() -> activities(false, down).incidentOpened(opened(id, false)))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.isNonRetryable()).isFalse());

        JsonNode attempt = sinkAttempts(id).get(0);
        assertThat(attempt.path("outcome").asText()).isEqualTo("failed");
        assertThat(attempt.has("status")).isFalse();
        assertThat(attempt.path("error").asText()).contains("Exception").doesNotContain("secret-path");
    }

    @Test
    void shadowMode_callsNoSinkButRecordsWhatItSuppressed() {
        String id = openIncident(IncidentKind.ACCESS_NOT_GRANTED);
        NotificationActivitiesImpl activities = activities(true, webhook("hook", "/hook", SinkFilter.ALL),
                pagerDuty("pd", SinkFilter.ALL), new LogSink(new SinkSpec("log", SinkType.LOG, SinkFilter.ALL)));

        activities.incidentOpened(opened(id, false));
        activities.incidentOpened(opened(id, false));
        resolve(id);
        activities.incidentResolved(resolved(id, false));

        assertThat(receiver.requests("/hook")).isEmpty();
        assertThat(receiver.requests("/pagerduty")).isEmpty();
        assertThat(sinkAttempts(id)).extracting(a -> a.path("sink").asText() + ":" + a.path("action").asText() + ":"
                        + a.path("outcome").asText())
                .containsExactly("hook:open:shadow", "pd:open:shadow", "log:open:shadow",
                        "hook:resolve:shadow", "pd:resolve:shadow", "log:resolve:shadow");
    }

    @Test
    void filters_sinkTakesOnlyItsKindsAndMode() {
        String granted = openIncident(IncidentKind.ACCESS_NOT_GRANTED);
        String revoked = openIncident(IncidentKind.ACCESS_NOT_REVOKED);
        NotificationActivitiesImpl activities = activities(false,
                webhook("revocations", "/revocations", new SinkFilter(Set.of("access_not_revoked"), null)),
                webhook("live", "/live", new SinkFilter(Set.of(), true)),
                webhook("test", "/test", new SinkFilter(Set.of(), false)));

        activities.incidentOpened(opened(granted, true));
        activities.incidentOpened(opened(revoked, false));

        assertThat(receiver.requests("/revocations")).extracting(r -> r.body().contains(revoked)).containsExactly(true);
        assertThat(receiver.requests("/live")).extracting(r -> r.body().contains(granted)).containsExactly(true);
        assertThat(receiver.requests("/test")).extracting(r -> r.body().contains(revoked)).containsExactly(true);
    }

    @Test
    void sameGroupWithinWindow_secondIncidentIsNotPaged_andTheGroupCountsTwo() throws Exception {
        String reason = "deploy_broken_" + EVENTS.incrementAndGet();
        Instant first = Instant.now().minus(Duration.ofMinutes(5));
        String leader = openIncident(IncidentKind.ACCESS_NOT_GRANTED, reason, first);
        String member = openIncident(IncidentKind.ACCESS_NOT_GRANTED, reason, first.plus(Duration.ofMinutes(3)));
        String later = openIncident(IncidentKind.ACCESS_NOT_GRANTED, reason, first.plus(Duration.ofMinutes(20)));
        NotificationActivitiesImpl activities = activities(false, pagerDuty("pd", SinkFilter.ALL),
                webhook("hook", "/hook", SinkFilter.ALL));

        activities.incidentOpened(opened(leader, false));
        activities.incidentOpened(opened(member, false));
        activities.incidentOpened(opened(later, false));
        resolve(member);
        activities.incidentResolved(resolved(member, false));

        assertThat(receiver.requests("/pagerduty")).extracting(r -> Json.MAPPER.readTree(r.body()).path("dedup_key")
                .asText()).containsExactly(leader, later);
        List<LoopbackReceiver.Request> hooks = receiver.requests("/hook");
        assertThat(hooks).hasSize(4);
        assertThat(Json.MAPPER.readTree(hooks.get(1).body()).at("/incident/grouped_into").asText()).isEqualTo(leader);
        NotificationDao dao = jdbi.onDemand(NotificationDao.class);
        assertThat(dao.groupOf(member)).contains(dao.groupOf(leader).orElseThrow());
        assertThat(dao.groupOf(leader).orElseThrow().size()).isEqualTo(2);
        assertThat(dao.groupOf(leader).orElseThrow().leaderIncidentId()).isEqualTo(leader);
        assertThat(dao.groupOf(later).orElseThrow().size()).isEqualTo(1);
        assertThat(notified(member)).anySatisfy(entry -> {
            assertThat(entry.path("outcome").asText()).isEqualTo("grouped");
            assertThat(entry.path("grouped_into").asText()).isEqualTo(leader);
        });
    }

    @Test
    void cannotVerifyIncidentsOfOneCause_pageOnce_whateverDeployTheAppRuns() throws Exception {
        Instant first = Instant.now().minus(Duration.ofMinutes(5));
        String leader = openIncident(IncidentKind.STRIPE_AUTH, "stripe_key_refused", first, "deploy-a");
        String member = openIncident(IncidentKind.STRIPE_AUTH, "stripe_key_refused", first.plusSeconds(30), "deploy-b");
        NotificationActivitiesImpl activities = activities(false, pagerDuty("pd", SinkFilter.ALL));

        activities.incidentOpened(opened(leader, false));
        activities.incidentOpened(opened(member, false));

        assertThat(receiver.requests("/pagerduty")).extracting(r -> Json.MAPPER.readTree(r.body()).path("dedup_key")
                .asText()).containsExactly(leader);
        NotificationDao dao = jdbi.onDemand(NotificationDao.class);
        assertThat(dao.groupOf(leader).orElseThrow().size()).isEqualTo(2);
        String evidence = jdbi.withHandle(h -> h.createQuery("SELECT evidence::text FROM incidents WHERE incident_id = :i")
                .bind("i", leader).mapTo(String.class).one());
        assertThat(Json.MAPPER.readTree(evidence).path("cannot_verify").asBoolean()).isTrue();
        assertThat(Json.MAPPER.readTree(evidence).path("what_to_do").asText()).contains("stripe.apiKey");
    }

    private NotificationActivitiesImpl activities(boolean shadow, Sink... sinks) {
        return new NotificationActivitiesImpl(jdbi, new NotificationSettings(shadow, Duration.ofMinutes(15)),
                List.of(sinks), Clock.systemUTC());
    }

    private Sink webhook(String name, String path, SinkFilter filter) {
        return new WebhookSink(new SinkSpec(name, SinkType.WEBHOOK, filter), receiver.url(path), SECRET, post);
    }

    private Sink pagerDuty(String name, SinkFilter filter) {
        return new PagerDutySink(new SinkSpec(name, SinkType.PAGERDUTY, filter), receiver.url("/pagerduty"),
                ROUTING_KEY, post);
    }

    private LoopbackReceiver.Request single(String path) {
        List<LoopbackReceiver.Request> requests = receiver.requests(path);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** An incident alone in its group, so no other test's incident groups it away from the paging sinks. */
    private static String openIncident(IncidentKind kind) {
        return openIncident(kind, "plan_mismatch_" + EVENTS.incrementAndGet(), Instant.now());
    }

    private static String openIncident(IncidentKind kind, String reasonCode, Instant at) {
        return openIncident(kind, reasonCode, at, null);
    }

    private static String openIncident(IncidentKind kind, String reasonCode, Instant at, String deploySha) {
        String eventId = "evt_n" + EVENTS.incrementAndGet();
        Evidence evidence = new Evidence(eventId, "customer.subscription.created", "cus_n", "sub_n", "pro", true,
                "free", true, "GET /access/cus_n -> plan=free", at.toEpochMilli(), List.of(), deploySha, reasonCode,
                false, null);
        return new IncidentActivitiesImpl(jdbi, new IncidentLinks("http://temporal.test", "default", "test"))
                .open(new IncidentRequest(eventId, kind, "Customer access did not change after Stripe event "
                        + "customer.subscription.created (" + eventId + ")", evidence, at.toEpochMilli()));
    }

    private static void resolve(String incidentId) {
        new IncidentActivitiesImpl(jdbi, new IncidentLinks("http://temporal.test", "default", "test"))
                .resolve(new IncidentResolution(eventOf(incidentId), "proven_late", "proven late by probe",
                        System.currentTimeMillis()));
    }

    private static IncidentOpenedNotice opened(String incidentId, Boolean livemode) {
        return new IncidentOpenedNotice(incidentId, eventOf(incidentId), livemode, System.currentTimeMillis());
    }

    private static IncidentResolvedNotice resolved(String incidentId, Boolean livemode) {
        return new IncidentResolvedNotice(incidentId, eventOf(incidentId), livemode, "proven_late",
                "proven late by probe", System.currentTimeMillis());
    }

    private static String eventOf(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT event_id FROM incidents WHERE incident_id = :id")
                .bind("id", incidentId).mapTo(String.class).one());
    }

    private static String notifiedText(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT notified::text FROM incidents WHERE incident_id = :id")
                .bind("id", incidentId).mapTo(String.class).one());
    }

    private static List<JsonNode> notified(String incidentId) throws IOException {
        List<JsonNode> entries = new java.util.ArrayList<>();
        Json.MAPPER.readTree(notifiedText(incidentId)).forEach(entries::add);
        return entries;
    }

    /** The entries of sinks, without the group decisions. */
    private static List<JsonNode> sinkAttempts(String incidentId) {
        try {
            return notified(incidentId).stream().filter(entry -> entry.has("sink")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
