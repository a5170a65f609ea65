package io.accessproof.activities.reconcile;

import static io.accessproof.activities.reconcile.FakeStripe.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.activities.reconcile.FakeStripe.Response;
import io.accessproof.store.DataSources;
import io.accessproof.store.Jdbis;
import io.accessproof.store.Migrations;
import io.accessproof.store.TestPostgres;
import io.accessproof.store.mirror.MirroredSubscription;
import io.accessproof.store.mirror.SubscriptionMirrorDao;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.ReconcileRequest;
import io.accessproof.workflows.model.StripeEventFacts;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcileActivitiesIntegrationTest {
    private static final long CREATED = 1_760_000_000L;
    private static TestPostgres.Database database;
    private static HikariDataSource dataSource;
    private static Jdbi jdbi;

    private static final ObjectNode JSON_ACCOUNT = new ObjectMapper().createObjectNode()
            .put("id", "acct_fake").put("object", "account");

    private FakeStripe stripe;
    private StripeRateLimiter limiter;

    @BeforeAll
    static void database() {
        database = TestPostgres.freshDatabase();
        dataSource = DataSources.pool("reconcile-test", database.jdbcUrl(), database.user(), database.password(), 4,
                Duration.ofSeconds(2));
        Migrations.migrate(dataSource);
        jdbi = Jdbis.create(dataSource);
    }

    @AfterAll
    static void dropDatabase() {
        dataSource.close();
        database.close();
    }

    @BeforeEach
    void startStripe() {
        stripe = new FakeStripe();
        limiter = limiter(1000, 1000);
    }

    @AfterEach
    void stopStripe() {
        stripe.close();
    }

    private ReconcileActivitiesImpl activities(PlanMapping plans) {
        return new ReconcileActivitiesImpl(stripe.client(), jdbi, plans, PastDuePolicy.KEEP_ACCESS, limiter);
    }

    private ReconcileActivitiesImpl activities() {
        return activities(PlanMapping.empty());
    }

    private static StripeEventFacts event(String type, String objectType, String objectId, String customer, String account) {
        return new StripeEventFacts(type, account, false, objectType, objectId, customer, null, CREATED);
    }

    private static ReconcileRequest request(StripeEventFacts facts) {
        return new ReconcileRequest("evt_" + facts.objectId(), facts);
    }

    /** A basil subscription from the fixtures with the dev catalogue's price (lookup key, product metadata plan). */
    private static ObjectNode subscription(String id, String customer, String status, String plan) {
        ObjectNode sub = fixture("stripe-openapi/subscription__2025-03-31.basil.json");
        sub.put("id", id).put("customer", customer).put("status", status);
        ObjectNode item = (ObjectNode) sub.path("items").path("data").get(0);
        item.put("subscription", id);
        ObjectNode price = (ObjectNode) item.path("price");
        price.put("id", "price_" + plan).put("lookup_key", plan + "_monthly");
        ObjectNode product = fixture("stripe-openapi/product__2025-03-31.basil.json");
        product.put("id", "prod_" + plan);
        product.putObject("metadata").put("plan", plan);
        price.set("product", product);
        return sub;
    }

    private void serveSubscription(ObjectNode sub) {
        stripe.json("/v1/subscriptions/" + sub.path("id").asText(), sub);
    }

    private MirroredSubscription mirror(String subscriptionId) {
        return jdbi.withExtension(SubscriptionMirrorDao.class, dao -> dao.find(subscriptionId)).orElseThrow();
    }

    @Test
    void activeSubscription_grantsPlanFromProductMetadata_andWritesMirror() {
        serveSubscription(subscription("sub_active1", "cus_a1", "active", "pro"));

        Expectation e = activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_active1", "cus_a1", null)));

        assertThat(e.change()).isEqualTo(AccessChange.GRANT);
        assertThat(e.access()).isTrue();
        assertThat(e.plan()).isEqualTo("pro");
        assertThat(e.customerId()).isEqualTo("cus_a1");
        assertThat(e.subscriptionId()).isEqualTo("sub_active1");
        assertThat(e.stripeStatus()).isEqualTo("active");
        FakeStripe.Request sent = stripe.subscriptionReads("sub_active1", "cus_a1").get(0);
        assertThat(sent.path()).as("one read of all the customer's subscriptions").isEqualTo("/v1/subscriptions");
        assertThat(sent.param("status")).isEqualTo("all");
        assertThat(sent.query().get("expand[]")).containsExactly("data.items.data.price.product");
        assertThat(sent.stripeAccount()).isNull();
        MirroredSubscription row = mirror("sub_active1");
        assertThat(row.status()).isEqualTo("active");
        assertThat(row.plan()).isEqualTo("pro");
        assertThat(row.lookupKey()).isEqualTo("pro_monthly");
        assertThat(row.priceId()).isEqualTo("price_pro");
        assertThat(row.object()).contains("sub_active1");
    }

    @Test
    void configuredLookupKey_winsOverProductMetadata_withoutFetchingTheProduct() {
        ObjectNode sub = subscription("sub_lk1", "cus_lk1", "trialing", "team");
        ((ObjectNode) sub.at("/items/data/0/price")).put("product", "prod_team");
        serveSubscription(sub);

        Expectation e = activities(new PlanMapping(Map.of("team_monthly", "Team"), Map.of()))
                .reconcile(request(event("customer.subscription.created", "subscription", "sub_lk1", "cus_lk1", null)));

        assertThat(e.change()).isEqualTo(AccessChange.GRANT);
        assertThat(e.plan()).isEqualTo("Team");
        assertThat(stripe.requestsTo("/v1/products/prod_team")).isEmpty();
    }

    @Test
    void unexpandedProduct_isFetchedForItsMetadata() {
        ObjectNode sub = subscription("sub_px1", "cus_px1", "active", "team");
        ((ObjectNode) sub.at("/items/data/0/price")).put("product", "prod_team");
        serveSubscription(sub);
        ObjectNode product = fixture("stripe-openapi/product__2025-03-31.basil.json");
        product.put("id", "prod_team").putObject("metadata").put("plan", "team");
        stripe.json("/v1/products/prod_team", product);

        Expectation e = activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_px1", "cus_px1", null)));

        assertThat(e.plan()).isEqualTo("team");
        assertThat(stripe.requestsTo("/v1/products/prod_team")).hasSize(1);
    }

    @Test
    void canceledSubscription_revokes() {
        serveSubscription(subscription("sub_cancel1", "cus_c1", "canceled", "pro"));

        Expectation e = activities().reconcile(request(event("customer.subscription.deleted", "subscription", "sub_cancel1", "cus_c1", null)));

        assertThat(e.change()).isEqualTo(AccessChange.REVOKE);
        assertThat(e.access()).isFalse();
        assertThat(e.plan()).isNull();
        assertThat(mirror("sub_cancel1").status()).isEqualTo("canceled");
    }

    @Test
    void pastDue_followsConfiguredPolicy() {
        serveSubscription(subscription("sub_pd1", "cus_pd1", "past_due", "pro"));
        StripeEventFacts facts = event("customer.subscription.updated", "subscription", "sub_pd1", "cus_pd1", null);

        Expectation keep = activities().reconcile(request(facts));
        Expectation revoke = new ReconcileActivitiesImpl(stripe.client(), jdbi, PlanMapping.empty(),
                PastDuePolicy.REVOKE_ACCESS, limiter).reconcile(request(facts));

        assertThat(keep.change()).isEqualTo(AccessChange.GRANT);
        assertThat(keep.plan()).isEqualTo("pro");
        assertThat(revoke.change()).isEqualTo(AccessChange.REVOKE);
    }

    @Test
    void incompleteSubscription_expectsNoChange() {
        serveSubscription(subscription("sub_inc1", "cus_i1", "incomplete", "pro"));

        Expectation e = activities().reconcile(request(event("customer.subscription.created", "subscription", "sub_inc1", "cus_i1", null)));

        assertThat(e.change()).isEqualTo(AccessChange.NONE);
        assertThat(e.reason()).isEqualTo("subscription incomplete: payment not yet confirmed");
    }

    @Test
    void basilInvoice_resolvesSubscriptionFromParent() {
        ObjectNode invoice = fixture("stripe-openapi/invoice__2025-03-31.basil.json");
        invoice.put("id", "in_basil1").put("customer", "cus_inv1");
        ((ObjectNode) invoice.at("/parent/subscription_details")).put("subscription", "sub_inv_basil");
        stripe.json("/v1/invoices/in_basil1", invoice);
        serveSubscription(subscription("sub_inv_basil", "cus_inv1", "active", "team"));

        Expectation e = activities().reconcile(request(event("invoice.paid", "invoice", "in_basil1", "cus_inv1", null)));

        assertThat(e.change()).isEqualTo(AccessChange.GRANT);
        assertThat(e.subscriptionId()).isEqualTo("sub_inv_basil");
        assertThat(e.plan()).isEqualTo("team");
    }

    @Test
    void olderApiVersionInvoice_resolvesSubscriptionFromTopLevelField() {
        ObjectNode invoice = fixture("stripe-openapi/invoice__2022-11-15.json");
        invoice.put("id", "in_old1").put("customer", "cus_inv2").put("subscription", "sub_inv_old");
        stripe.json("/v1/invoices/in_old1", invoice);
        serveSubscription(subscription("sub_inv_old", "cus_inv2", "active", "pro"));

        Expectation e = activities().reconcile(request(event("invoice.paid", "invoice", "in_old1", "cus_inv2", null)));

        assertThat(e.subscriptionId()).isEqualTo("sub_inv_old");
        assertThat(e.plan()).isEqualTo("pro");
    }

    @Test
    void invoiceWithoutSubscription_expectsNoChange() {
        ObjectNode invoice = fixture("stripe-openapi/invoice__2022-11-15.json");
        invoice.put("id", "in_oneoff1").put("customer", "cus_inv3");
        invoice.remove("lines");
        stripe.json("/v1/invoices/in_oneoff1", invoice);

        Expectation e = activities().reconcile(request(event("invoice.paid", "invoice", "in_oneoff1", "cus_inv3", null)));

        assertThat(e.change()).isEqualTo(AccessChange.NONE);
        assertThat(e.customerId()).isEqualTo("cus_inv3");
    }

    @Test
    void checkoutSessionInPaymentMode_expectsNoChange() {
        ObjectNode session = fixture("pay-rails-vcr/checkout.session__2020-08-27__create-payment-mode.json");
        session.put("id", "cs_pay1").put("customer", "cus_cs1");
        stripe.json("/v1/checkout/sessions/cs_pay1", session);

        Expectation e = activities().reconcile(request(event("checkout.session.completed", "checkout.session", "cs_pay1", "cus_cs1", null)));

        assertThat(e.change()).isEqualTo(AccessChange.NONE);
        assertThat(e.reason()).isEqualTo("one-off payment: no access change");
        assertThat(stripe.requests).hasSize(1);
    }

    @Test
    void checkoutSessionInSubscriptionMode_followsItsSubscription() {
        ObjectNode session = fixture("pay-rails-vcr/checkout.session__2026-03-25.dahlia__create-subscription-mode.json");
        session.put("id", "cs_sub1").put("customer", "cus_cs2").put("subscription", "sub_cs2");
        stripe.json("/v1/checkout/sessions/cs_sub1", session);
        serveSubscription(subscription("sub_cs2", "cus_cs2", "active", "pro"));

        Expectation e = activities().reconcile(request(event("checkout.session.completed", "checkout.session", "cs_sub1", "cus_cs2", null)));

        assertThat(e.change()).isEqualTo(AccessChange.GRANT);
        assertThat(e.subscriptionId()).isEqualTo("sub_cs2");
    }

    @Test
    void entitlementSummary_followsPaginationToTheEnd_andTakesPlanFromNewestActiveSubscription() {
        ObjectNode summary = fixture("stripe-openapi/entitlements.active_entitlement_summary__2025-03-31.basil.json");
        ObjectNode template = (ObjectNode) summary.at("/entitlements/data/0");
        stripe.route("/v1/entitlements/active_entitlements", r -> {
            boolean first = r.param("starting_after") == null;
            ObjectNode page = FakeStripe.JSON.createObjectNode().put("object", "list").put("has_more", first);
            ArrayNode data = page.putArray("data");
            for (String key : first ? new String[] {"seats", "exports"} : new String[] {"sso"}) {
                data.add(template.deepCopy().put("id", "ent_" + key).put("lookup_key", key));
            }
            return Response.ok(page);
        });
        ObjectNode list = FakeStripe.JSON.createObjectNode().put("object", "list").put("has_more", false);
        ObjectNode older = subscription("sub_ent_old", "cus_ent1", "active", "pro").put("created", 1_700_000_000L);
        ObjectNode newer = subscription("sub_ent_new", "cus_ent1", "active", "team").put("created", 1_750_000_000L);
        list.putArray("data").add(older).add(newer);
        stripe.json("/v1/subscriptions", list);
        serveSubscription(newer);

        jdbi.useHandle(h -> h.execute("INSERT INTO runs (event_id, state) VALUES ('evt_summary_1', 'proving')"));

        Expectation e = activities().reconcile(new ReconcileRequest("evt_summary_1", new StripeEventFacts(
                "entitlements.active_entitlement_summary.updated", null, false, "entitlements.active_entitlement_summary",
                null, "cus_ent1", null, CREATED)));

        assertThat(e.change()).isEqualTo(AccessChange.GRANT);
        assertThat(e.features()).containsExactly("seats", "exports", "sso");
        assertThat(e.plan()).isEqualTo("team");
        assertThat(e.subscriptionId()).isEqualTo("sub_ent_new");
        String runSubscription = jdbi.withHandle(h -> h.createQuery(
                "SELECT subscription_id FROM runs WHERE event_id = 'evt_summary_1'").mapTo(String.class).one());
        assertThat(runSubscription).as("the run names the subscription, for supersession").isEqualTo("sub_ent_new");
        var pages = stripe.requestsTo("/v1/entitlements/active_entitlements");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).param("customer")).isEqualTo("cus_ent1");
        assertThat(pages.get(1).param("starting_after")).isEqualTo("ent_exports");
    }

    @Test
    void stripe404_failsNonRetryableNotFound() {
        stripe.json("/v1/account", JSON_ACCOUNT);
        stripe.route("/v1/subscriptions/sub_missing", r ->
                Response.error(404, "invalid_request_error", "resource_missing", "No such subscription: 'sub_missing'"));

        assertThatThrownBy(() -> activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_missing", "cus_m", null))))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(FailureType.STRIPE_NOT_FOUND.name());
                    assertThat(f.getOriginalMessage()).startsWith("Stripe answered 404 for sub_missing read with a test-mode key "
                            + "on the platform account, for a test-mode event: ")
                            .endsWith("(the key belongs to account acct_fake)");
                    assertThat(f.getOriginalMessage()).doesNotContain("sk_test_fake");
                });
    }

    @Test
    void stripe429_failsRetryable() {
        stripe.route("/v1/subscriptions/sub_busy", r -> Response.error(429, "invalid_request_error", "rate_limit", "Too many requests"));

        assertThatThrownBy(() -> activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_busy", "cus_b", null))))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isFalse());
    }

    @Test
    void stripe500_failsRetryable_401KeyRefused_403PermissionNamed_400InvalidRequest() {
        // The customer's subscriptions are read first: Stripe answers that list as the key and its own health say.
        stripe.route("/v1/subscriptions", r -> switch (r.param("customer")) {
            case "c500" -> Response.error(500, "api_error", null, "boom");
            case "c401" -> Response.error(401, "invalid_request_error", "api_key_expired",
                    "Expired API Key provided: sk_test_abcdefghijklmnop1234");
            case "c403" -> Response.error(403, "invalid_request_error", null,
                    "The provided key 'rk_test_abc123' does not have the required permissions for this endpoint. "
                            + "Having the 'rak_subscription_read' permission would allow this request to continue.");
            default -> Response.ok(FakeStripe.JSON.createObjectNode().put("object", "list").put("has_more", false)
                    .set("data", FakeStripe.JSON.createArrayNode()));
        });
        stripe.route("/v1/subscriptions/sub_400", r -> Response.error(400, "invalid_request_error", "parameter_invalid", "bad"));

        assertThatThrownBy(() -> activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_500", "c500", null))))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isFalse());
        assertThatThrownBy(() -> activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_401", "c401", null))))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(FailureType.STRIPE_KEY_REFUSED.name());
                    assertThat(f.getOriginalMessage()).contains("Expired API Key provided: sk_test_***")
                            .doesNotContain("abcdefghijklmnop1234");
                });
        limiter = limiter(1000, 1000); // the 401 opened the key breaker of the first limiter's bucket
        assertThatThrownBy(() -> activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_403", "c403", null))))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(FailureType.STRIPE_PERMISSION.name());
                    assertThat(f.getOriginalMessage()).contains("rak_subscription_read").doesNotContain("abc123");
                });
        assertThatThrownBy(() -> activities().reconcile(request(event("customer.subscription.updated", "subscription", "sub_400", "c400", null))))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getType()).isEqualTo(FailureType.STRIPE_INVALID_REQUEST.name());
                });
    }

    @Test
    void keyRefused_oneProbeReadAMinuteForTheCluster_untilTheKeyWorksAgain() throws Exception {
        AtomicBoolean refused = new AtomicBoolean(true);
        ObjectNode sub = subscription("sub_brk", "cus_brk", "active", "pro");
        stripe.route("/v1/subscriptions/sub_brk", r -> refused.get()
                ? Response.error(401, "invalid_request_error", "api_key_expired", "Expired API Key provided: sk_test_***")
                : Response.ok(sub));
        String bucket = "breaker-test-" + UUID.randomUUID();
        AtomicInteger authFailures = new AtomicInteger();
        StripeRateLimiter workerA = new StripeRateLimiter(jdbi, bucket, 1000, 1000, Duration.ZERO, wait -> { },
                Duration.ofMillis(300), authFailures::incrementAndGet, () -> { });
        StripeRateLimiter workerB = new StripeRateLimiter(jdbi, bucket, 1000, 1000, Duration.ZERO, wait -> { },
                Duration.ofMillis(300), authFailures::incrementAndGet, () -> { });
        ReconcileRequest request = request(event("customer.subscription.updated", "subscription", "sub_brk", "c", null));

        for (StripeRateLimiter worker : List.of(workerA, workerB, workerA, workerB, workerA)) {
            assertThatThrownBy(() -> new ReconcileActivitiesImpl(stripe.client(), jdbi, PlanMapping.empty(),
                    PastDuePolicy.KEEP_ACCESS, worker).reconcile(request))
                    .isInstanceOfSatisfying(ApplicationFailure.class,
                            f -> assertThat(f.getType()).isEqualTo(FailureType.STRIPE_KEY_REFUSED.name()));
        }
        assertThat(stripe.subscriptionReads("sub_brk", "c")).as("one refusal reached Stripe, four were held back")
                .hasSize(1);
        assertThat(authFailures).as("Stripe's refusals counted, not the held-back reads").hasValue(1);

        refused.set(false);
        ReconcileActivitiesImpl onB = new ReconcileActivitiesImpl(stripe.client(), jdbi, PlanMapping.empty(),
                PastDuePolicy.KEEP_ACCESS, workerB);
        Expectation after = awaitAnswer(() -> onB.reconcile(request));
        assertThat(after.subscriptionId()).isEqualTo("sub_brk");
        serveSubscription(subscription("sub_brk2", "cus_brk", "active", "pro"));
        new ReconcileActivitiesImpl(stripe.client(), jdbi, PlanMapping.empty(), PastDuePolicy.KEEP_ACCESS, workerA)
                .reconcile(request(event("customer.subscription.updated", "subscription", "sub_brk2", "c", null)));
        assertThat(stripe.requestsTo("/v1/subscriptions/sub_brk2")).as("the breaker closed for every worker").hasSize(1);
    }

    /** Polls (bounded) until the call stops failing with the breaker's refusal: its probe is due every 300 ms. */
    private static Expectation awaitAnswer(Supplier<Expectation> call) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (ApplicationFailure refused) {
                if (System.nanoTime() > until) {
                    throw refused;
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    @Test
    void connectEvent_sendsStripeAccountHeaderOnEveryCall() {
        ObjectNode invoice = fixture("stripe-openapi/invoice__2025-03-31.basil.json");
        invoice.put("id", "in_connect1").put("customer", "cus_x1");
        ((ObjectNode) invoice.at("/parent/subscription_details")).put("subscription", "sub_connect1");
        stripe.json("/v1/invoices/in_connect1", invoice);
        serveSubscription(subscription("sub_connect1", "cus_x1", "active", "pro"));

        Expectation e = activities().reconcile(request(event("invoice.paid", "invoice", "in_connect1", "cus_x1", "acct_1Connected")));

        assertThat(e.change()).isEqualTo(AccessChange.GRANT);
        assertThat(stripe.requests).hasSize(2);
        assertThat(stripe.requests).allSatisfy(r -> assertThat(r.stripeAccount()).isEqualTo("acct_1Connected"));
        assertThat(mirror("sub_connect1").account()).isEqualTo("acct_1Connected");
    }

    @Test
    void olderFetch_neverOverwritesNewerMirrorRow_andExpectationComesFromTheNewerRow() {
        Instant t2 = Instant.parse("2030-01-01T00:00:10Z");
        Instant t1 = Instant.parse("2030-01-01T00:00:00Z");
        StripeEventFacts facts = event("customer.subscription.updated", "subscription", "sub_order1", "cus_o1", null);
        serveSubscription(subscription("sub_order1", "cus_o1", "active", "pro"));
        at(t2).reconcile(request(facts));

        serveSubscription(subscription("sub_order1", "cus_o1", "canceled", "pro"));
        Expectation stale = at(t1).reconcile(request(facts));

        MirroredSubscription row = mirror("sub_order1");
        assertThat(row.status()).isEqualTo("active");
        assertThat(row.stripeVersion()).isEqualTo(t2);
        assertThat(stale.change()).isEqualTo(AccessChange.GRANT);

        Instant t3 = Instant.parse("2030-01-01T00:00:20Z");
        Expectation fresh = at(t3).reconcile(request(facts));
        assertThat(fresh.change()).isEqualTo(AccessChange.REVOKE);
        assertThat(mirror("sub_order1").status()).isEqualTo("canceled");
        assertThat(mirror("sub_order1").stripeVersion()).isEqualTo(t3);
    }

    /** Every reconcile reads Stripe (no coalescing), on a fixed clock. */
    private ReconcileActivitiesImpl at(Instant now) {
        return coalescingAt(now, Duration.ZERO);
    }

    private ReconcileActivitiesImpl coalescingAt(Instant now, Duration reuseWithin) {
        return new ReconcileActivitiesImpl(stripe.client(), jdbi, PlanMapping.empty(), PastDuePolicy.KEEP_ACCESS, limiter,
                reuseWithin, Clock.fixed(now, ZoneOffset.UTC), "test", PlanOrder.none());
    }

    @Test
    void eventsOfOneSubscription_shareAFetchThatStartedAfterThem_whileItIsRecent() {
        Instant fetched = Instant.ofEpochSecond(CREATED).plusSeconds(30);
        serveSubscription(subscription("sub_co1", "cus_co1", "active", "pro"));
        Expectation first = coalescingAt(fetched, Duration.ofSeconds(5))
                .reconcile(request(event("customer.subscription.updated", "subscription", "sub_co1", "cus_co1", null)));
        serveSubscription(subscription("sub_co1", "cus_co1", "canceled", "pro"));
        ObjectNode invoice = fixture("stripe-openapi/invoice__2025-03-31.basil.json");
        invoice.put("id", "in_co1").put("customer", "cus_co1");
        ((ObjectNode) invoice.at("/parent/subscription_details")).put("subscription", "sub_co1");
        stripe.json("/v1/invoices/in_co1", invoice);

        Expectation second = coalescingAt(fetched.plusSeconds(4), Duration.ofSeconds(5))
                .reconcile(request(event("invoice.paid", "invoice", "in_co1", "cus_co1", null)));

        assertThat(stripe.requestsTo("/v1/invoices/in_co1")).hasSize(1);
        assertThat(stripe.subscriptionReads("sub_co1", "cus_co1")).hasSize(1);
        assertThat(second.change()).isEqualTo(first.change()).isEqualTo(AccessChange.GRANT);
        assertThat(second.plan()).isEqualTo("pro");
        assertThat(second.subscriptionId()).isEqualTo("sub_co1");

        Expectation later = coalescingAt(fetched.plusSeconds(6), Duration.ofSeconds(5))
                .reconcile(request(event("customer.subscription.updated", "subscription", "sub_co1", "cus_co1", null)));
        assertThat(stripe.subscriptionReads("sub_co1", "cus_co1")).hasSize(2);
        assertThat(later.change()).isEqualTo(AccessChange.REVOKE);
    }

    @Test
    void aFetchThatMayPredateTheEvent_isNeverReused() {
        Instant fetched = Instant.ofEpochSecond(CREATED).plusSeconds(1);
        serveSubscription(subscription("sub_co2", "cus_co2", "active", "pro"));
        coalescingAt(fetched, Duration.ofSeconds(5))
                .reconcile(request(event("customer.subscription.updated", "subscription", "sub_co2", "cus_co2", null)));
        serveSubscription(subscription("sub_co2", "cus_co2", "canceled", "pro"));

        // created in the same second as the mirrored fetch started: the fetch may not have seen it
        Expectation e = coalescingAt(fetched.plusSeconds(1), Duration.ofSeconds(5))
                .reconcile(request(event("customer.subscription.deleted", "subscription", "sub_co2", "cus_co2", null)));

        assertThat(stripe.subscriptionReads("sub_co2", "cus_co2")).hasSize(2);
        assertThat(e.change()).isEqualTo(AccessChange.REVOKE);
    }

    @Test
    void rateLimiter_capsStripeCalls_andRefusesRetryablyPastTheBurst() {
        serveSubscription(subscription("sub_rl1", "cus_rl1", "active", "pro"));
        limiter = limiter(0.001, 3);
        StripeEventFacts facts = event("customer.subscription.updated", "subscription", "sub_rl1", "cus_rl1", null);
        ReconcileActivitiesImpl activities = at(Instant.now());

        int succeeded = 0;
        int limited = 0;
        for (int i = 0; i < 10; i++) {
            try {
                activities.reconcile(request(facts));
                succeeded++;
            } catch (ApplicationFailure f) {
                assertThat(f.getType()).isEqualTo(StripeRateLimiter.RATE_LIMITED_TYPE);
                assertThat(f.isNonRetryable()).isFalse();
                limited++;
            }
        }

        assertThat(succeeded).isEqualTo(3);
        assertThat(limited).isEqualTo(7);
        assertThat(stripe.requests).hasSize(3);
    }

    /** A bucket of this test's own that never sleeps: a permit further away than now is refused. */
    private static StripeRateLimiter limiter(double rate, int burst) {
        return new StripeRateLimiter(jdbi, "reconcile-test-" + UUID.randomUUID(), rate, burst, Duration.ZERO, wait -> {
            throw new AssertionError("a limiter with maxWait 0 must not sleep");
        });
    }
}
