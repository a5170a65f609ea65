package io.accessproof.server.support;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCreateParams;
import io.accessproof.devkit.demoapp.DemoApp;
import io.accessproof.devkit.demoapp.DemoAppOptions;
import io.accessproof.devkit.stripe.EmulatorOptions;
import io.accessproof.devkit.stripe.StripeEmulator;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The dev stack on free ports, wired as {@code ./accessproof dev} wires it: the application, the Stripe
 * emulator delivering to it and to the demo app, and the demo app whose access the runs prove.
 */
public final class DevStack implements AutoCloseable {
    public static final String DEMO_SCHEMA = "demo_app";

    private final TestPostgres.Database db;
    private final StripeEmulator emulator;
    private final DemoApp demo;
    private final TestApp app;
    private final StripeClient stripe;

    private DevStack(TestPostgres.Database db, StripeEmulator emulator, DemoApp demo, TestApp app) {
        this.db = db;
        this.emulator = emulator;
        this.demo = demo;
        this.app = app;
        this.stripe = StripeClient.builder().setApiKey("sk_test_stack").setApiBase(emulator.baseUrl()).build();
    }

    /** Starts the stack; {@code overrides} adjust the application (deadlines, probe). */
    public static DevStack start(ConfigOverride... overrides) throws Exception {
        return start(false, db -> List.of(overrides));
    }

    /** Starts the stack with a 2 s run deadline and quick re-checks, so incidents open within seconds. */
    public static DevStack withShortDeadlines(ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("proving.defaultDeadline", "2s"),
                ConfigOverride.config("proving.firstRecheck", "200ms"),
                ConfigOverride.config("proving.maxRecheck", "500ms")));
        overrides.addAll(List.of(extra));
        return start(overrides.toArray(ConfigOverride[]::new));
    }

    /** Starts the stack with overrides that need to know its database (e.g. a SQL probe's datasource). */
    public static DevStack start(Function<TestPostgres.Database, List<ConfigOverride>> overridesFor) throws Exception {
        return start(false, overridesFor);
    }

    /** Starts the stack with the demo app sending its receipts to the application's {@code /receipts}. */
    public static DevStack withReceipts(ConfigOverride... overrides) throws Exception {
        return start(true, db -> List.of(overrides));
    }

    private static DevStack start(boolean receipts, Function<TestPostgres.Database, List<ConfigOverride>> overridesFor)
            throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        StripeEmulator emulator = StripeEmulator.start(new EmulatorOptions(0, System.nanoTime()));
        // The demo app learns the application's URL, so the application starts first, probing a reserved port.
        int demoPort = FreePorts.next();
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("stripe.apiBase", emulator.baseUrl()),
                ConfigOverride.config("proving.http.urlTemplate",
                        "http://127.0.0.1:" + demoPort + "/access/{customer_id}")));
        all.addAll(overridesFor.apply(db));
        TestApp app = TestApp.start(db, all.toArray(ConfigOverride[]::new));
        DemoApp demo = DemoApp.start(new DemoAppOptions(demoPort, db.jdbcUrl(), db.user(), db.password(), DEMO_SCHEMA,
                TestApp.SECRET, receipts ? app.url("/receipts") : null, receipts ? TestApp.RECEIPT_SECRET : null));
        emulator.seedDemoCatalogue();
        emulator.addWebhookEndpoint(app.url("/webhooks/stripe"), TestApp.SECRET);
        emulator.addWebhookEndpoint(demo.webhookUrl(), TestApp.SECRET);
        return new DevStack(db, emulator, demo, app);
    }

    /** The demo app's base URL, e.g. for its fault switch {@code /_demo/faults}. */
    public String demoUrl() {
        return "http://127.0.0.1:" + demo.port();
    }

    public String demoWebhookUrl() {
        return demo.webhookUrl();
    }

    public StripeEmulator emulator() {
        return emulator;
    }

    public TestApp app() {
        return app;
    }

    public TestPostgres.Database database() {
        return db;
    }

    public Jdbi jdbi() {
        return TestApp.jdbi(db);
    }

    public StripeClient stripe() {
        return stripe;
    }

    public String newCustomer() throws StripeException {
        return stripe.customers().create(CustomerCreateParams.builder().setEmail("ada@example.com").build()).getId();
    }

    public Subscription subscribe(String customerId, String lookupKey) throws StripeException {
        return subscribe(customerId, lookupKey, 1);
    }

    /** A subscription for {@code seats} of the plan (the item's quantity). */
    public Subscription subscribe(String customerId, String lookupKey, long seats) throws StripeException {
        Price price = stripe.prices().list(PriceListParams.builder().addLookupKey(lookupKey).build()).getData().get(0);
        return stripe.subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customerId)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(price.getId()).setQuantity(seats).build())
                .build());
    }

    /** Sets a demo app fault for one customer: ok, drop, delay, wrong_plan, fail, receipt_failed, lie. */
    public void demoFault(String customerId, String mode) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + demo.port() + "/_demo/faults/" + customerId))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("demo fault not set: " + response.statusCode() + " " + response.body());
        }
    }

    /** The state of the run of the customer's event of this type, once there is one. */
    public Optional<String> runState(String customerId, String eventType) {
        return jdbi().withHandle(h -> h.createQuery("SELECT r.state FROM runs r JOIN stripe_events e USING (event_id) "
                        + "WHERE r.customer_id = :c AND e.type = :t ORDER BY e.created DESC LIMIT 1")
                .bind("c", customerId).bind("t", eventType).mapTo(String.class).findOne());
    }

    /** A run of the customer in that state, within 30 s (only the newest run of a subscription raises an incident). */
    public String awaitRun(String customerId, String state) throws Exception {
        return Eventually.await(Duration.ofSeconds(30), "a run of " + customerId + " in " + state,
                () -> jdbi().withHandle(h -> h.createQuery("SELECT event_id FROM runs "
                                + "WHERE customer_id = :c AND state = :s ORDER BY event_id LIMIT 1")
                        .bind("c", customerId).bind("s", state).mapTo(String.class).findOne().orElse(null)));
    }

    /** Waits (30 s at most) until the customer has runs and none is still proving; event ids by state. */
    public Map<String, List<String>> awaitSettled(String customerId) throws Exception {
        return Eventually.await(Duration.ofSeconds(30), "every run of " + customerId + " settled", () -> {
            Map<String, List<String>> byState = new HashMap<>();
            jdbi().withHandle(h -> h.createQuery("SELECT event_id, state FROM runs WHERE customer_id = :c")
                    .bind("c", customerId).mapToMap().list()).forEach(row -> byState
                    .computeIfAbsent((String) row.get("state"), k -> new ArrayList<>()).add((String) row.get("event_id")));
            boolean settled = !byState.isEmpty() && !byState.containsKey("proving") && !byState.containsKey("accepted");
            return settled ? byState : null;
        });
    }

    /** The state of one run, if there is one. */
    public String state(String eventId) {
        return jdbi().withHandle(h -> h.createQuery("SELECT state FROM runs WHERE event_id = :e")
                .bind("e", eventId).mapTo(String.class).findOne().orElse(null));
    }

    @Override
    public void close() {
        app.close();
        demo.close();
        emulator.close();
        db.close();
    }
}
