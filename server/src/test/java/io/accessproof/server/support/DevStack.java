package io.accessproof.server.support;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCreateParams;
import io.accessproof.activities.store.TestPostgres;
import io.accessproof.devkit.demoapp.DemoApp;
import io.accessproof.devkit.demoapp.DemoAppOptions;
import io.accessproof.devkit.stripe.EmulatorOptions;
import io.accessproof.devkit.stripe.StripeEmulator;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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
        Price price = stripe.prices().list(PriceListParams.builder().addLookupKey(lookupKey).build()).getData().get(0);
        return stripe.subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customerId)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(price.getId()).build()).build());
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

    @Override
    public void close() {
        app.close();
        demo.close();
        emulator.close();
        db.close();
    }
}
