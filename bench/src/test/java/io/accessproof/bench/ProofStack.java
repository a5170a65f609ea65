package io.accessproof.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCreateParams;
import io.accessproof.devkit.demoapp.DemoApp;
import io.accessproof.devkit.demoapp.DemoAppOptions;
import io.accessproof.devkit.load.StripeEvent;
import io.accessproof.devkit.stripe.EmulatorOptions;
import io.accessproof.devkit.stripe.StripeEmulator;
import io.accessproof.server.support.Eventually;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;

/**
 * The dev stack for time-to-proof runs, on free ports: the emulator delivers only to the demo app, so
 * the app has applied every change before the benchmark replays Stripe's own events to accessproof,
 * which then reconciles from the emulator (with latency and a rate limit) and probes the demo app.
 */
final class ProofStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);

    final TestPostgres.Database db;
    final StripeEmulator emulator;
    final DemoApp demo;
    final TestApp app;
    private final StripeClient stripe;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String proPrice;

    private ProofStack(TestPostgres.Database db, StripeEmulator emulator, DemoApp demo, TestApp app) throws Exception {
        this.db = db;
        this.emulator = emulator;
        this.demo = demo;
        this.app = app;
        this.stripe = StripeClient.builder().setApiKey("sk_test_bench").setApiBase(emulator.baseUrl()).build();
        this.proPrice = stripe.prices().list(PriceListParams.builder().addLookupKey("pro_monthly").build())
                .getData().get(0).getId();
    }

    /**
     * @param stripeBudget the application's {@code stripe.apiRequestsPerSecond}
     * @param probe        its {@code proving.probe}: {@code HTTP} (the demo app) or {@code RECEIPT}
     */
    static ProofStack start(double stripeBudget, String probe, String logFile) throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        StripeEmulator emulator = StripeEmulator.start(new EmulatorOptions(0, 42));
        emulator.seedDemoCatalogue();
        DemoApp demo = DemoApp.start(new DemoAppOptions(0, db.jdbcUrl(), db.user(), db.password(), "demo_app",
                TestApp.SECRET, null, null));
        emulator.addWebhookEndpoint(demo.webhookUrl(), TestApp.SECRET);
        TestApp app = TestApp.start(db,
                ConfigOverride.config("stripe.apiBase", emulator.baseUrl()),
                ConfigOverride.config("stripe.apiRequestsPerSecond", String.valueOf(stripeBudget)),
                ConfigOverride.config("proving.probe", probe),
                ConfigOverride.config("proving.http.urlTemplate", "http://127.0.0.1:" + demo.port() + "/access/{customer_id}"),
                ConfigOverride.config("logging.appenders[0].type", "file"),
                ConfigOverride.config("logging.appenders[0].currentLogFilename", logFile),
                ConfigOverride.config("logging.appenders[0].archive", "false"));
        return new ProofStack(db, emulator, demo, app);
    }

    /**
     * Creates {@code n} customers with a pro subscription, waits until the demo app has applied all of
     * them, and returns their {@code customer.subscription.created} events as Stripe sent them.
     */
    List<StripeEvent> prepare(int n) throws Exception {
        clearFaults();
        long since = emulator.now() - 1;
        Set<String> subscriptions = ConcurrentHashMap.newKeySet();
        Set<String> customers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                done.add(pool.submit(() -> {
                    String customer = stripe.customers().create(CustomerCreateParams.builder()
                            .setEmail("bench@example.com").build()).getId();
                    customers.add(customer);
                    subscriptions.add(stripe.subscriptions().create(SubscriptionCreateParams.builder()
                            .setCustomer(customer).addItem(SubscriptionCreateParams.Item.builder()
                                    .setPrice(proPrice).build()).build()).getId());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Jdbi jdbi = TestApp.jdbi(db);
        Eventually.await(Duration.ofSeconds(120), "the demo app to apply " + n + " subscriptions", () ->
                jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM demo_app.accounts WHERE plan = 'pro' "
                        + "AND customer_id = ANY(:ids)").bindArray("ids", String.class, customers.toArray())
                        .mapTo(Long.class).one()) == n);
        return createdEvents(since, subscriptions);
    }

    private List<StripeEvent> createdEvents(long since, Set<String> subscriptions) throws Exception {
        List<StripeEvent> events = new ArrayList<>();
        String after = null;
        while (true) {
            String url = emulator.baseUrl() + "/v1/events?type=customer.subscription.created&limit=100&created[gte]="
                    + since + (after == null ? "" : "&starting_after=" + after);
            // With a time limit: a list the emulator never answered once hung a whole run (RESULTS.md 5c).
            JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(LIST_TIMEOUT)
                    .header("Authorization", "Bearer sk_test_bench").build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode e : page.path("data")) {
                JsonNode object = e.path("data").path("object");
                if (subscriptions.contains(object.path("id").asText())) {
                    events.add(new StripeEvent(e.path("id").asText(), e.path("type").asText(),
                            object.path("customer").asText(), JSON.writeValueAsString(e)));
                }
                after = e.path("id").asText();
            }
            if (!page.path("has_more").asBoolean()) {
                break;
            }
        }
        if (events.size() != subscriptions.size()) {
            throw new IllegalStateException("found " + events.size() + " events for " + subscriptions.size() + " subscriptions");
        }
        java.util.Collections.reverse(events); // oldest first, as they happened
        return events;
    }

    /** Stripe's API as the app sees it during a run: latency per call and an account-wide rate limit. */
    void stripeFaults(long latencyMs, int requestsPerSecond) throws Exception {
        control("POST", "{\"api_latency_ms\":" + latencyMs + ",\"rate_limit_per_second\":" + requestsPerSecond + "}");
    }

    void clearFaults() throws Exception {
        control("DELETE", null);
    }

    private void control(String method, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/faults"))
                .header("Content-Type", "application/json");
        r = body == null ? r.DELETE() : r.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("emulator faults not set: " + response.statusCode() + " " + response.body());
        }
    }

    Jdbi jdbi() {
        return TestApp.jdbi(db);
    }

    @Override
    public void close() {
        app.close();
        demo.close();
        emulator.close();
        db.close();
    }
}
