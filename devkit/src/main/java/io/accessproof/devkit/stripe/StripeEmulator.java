package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Stripe API: Stripe's objects, errors, pagination, events and signed webhook delivery, in
 * memory, with injectable faults. Point stripe-java at {@link #baseUrl()}; control it under
 * {@code /_emulator/}. Ids are deterministic for a given seed.
 */
public final class StripeEmulator implements AutoCloseable {
    private final EmulatorOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Store store = new Store();
    private final EmulatorClock clock = new EmulatorClock();
    private final Faults faults;
    private final RequestLog log = new RequestLog();
    private final WebhookEndpoints endpoints;
    private final WebhookDelivery delivery;
    private final Context ctx;
    private final Products products;
    private final Prices prices;
    private final Customers customers;
    private final Billing billing;
    private final Renewals renewals;

    private StripeEmulator(EmulatorOptions options, InetAddress bind) throws IOException {
        this.options = options;
        Ids ids = new Ids(options.seed());
        faults = new Faults(options.seed());
        endpoints = new WebhookEndpoints(ids, clock, options.secretOverlap());
        delivery = new WebhookDelivery(options, faults, store);
        ctx = new Context(store, ids, clock, new Events(store, ids, endpoints, delivery));
        products = new Products(ctx);
        prices = new Prices(ctx, products);
        customers = new Customers(ctx);
        billing = new Billing(ctx);
        Entitlements entitlements = new Entitlements(ctx);
        Subscriptions subscriptions = new Subscriptions(ctx, customers, prices, billing, entitlements);
        renewals = new Renewals(ctx, subscriptions, billing);
        Router router = new Router();
        customers.routes(router);
        products.routes(router);
        prices.routes(router);
        subscriptions.routes(router);
        billing.routes(router);
        renewals.routes(router);
        new Checkout(ctx, customers, prices, subscriptions, billing).routes(router);
        new EventsApi(store).routes(router);
        entitlements.routes(router);
        endpoints.routes(router);
        new AccountApi().routes(router);

        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "stripe-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(bind, options.port()), 128);
        server.createContext("/v1", new ApiHandler(router, store, faults, log, options.seed(), options.defaultApiVersion()));
        server.createContext("/_emulator", new ControlHandler(this, faults, log, delivery));
        server.createContext("/", exchange -> {
            try (exchange) {
                HttpIo.send(exchange, 404, HttpIo.envelope(StripeError.notFound(exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath())));
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Listens on 127.0.0.1 only. */
    public static StripeEmulator start(EmulatorOptions options) {
        return start(options, InetAddress.getLoopbackAddress());
    }

    /** Listens on {@code bind} (a container's own address: another container reaches it by name). */
    public static StripeEmulator start(EmulatorOptions options, InetAddress bind) {
        try {
            return new StripeEmulator(options, bind);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ":" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, to be used as stripe-java's apiBase (no /v1). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Registers a delivery target for every event type; returns its new {@code whsec_} secret. */
    public String addWebhookEndpoint(String url) {
        return registerEndpoint(url, List.of(), null).get("secret").asText();
    }

    /** Registers a delivery target signed with the given secret (dev uses a fixed one). */
    public void addWebhookEndpoint(String url, String secret) {
        registerEndpoint(url, List.of(), secret);
    }

    /** Rolls the secret of the endpoint with this URL; the old one is sent alongside for {@code overlap}. */
    public String rollWebhookSecret(String url, Duration overlap) {
        String id = endpoints.matching("*").stream().filter(e -> e.url().equals(url)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no endpoint for " + url)).id;
        return rollSecret(id, overlap);
    }

    /** Products free/pro/team, prices free_monthly/pro_monthly/team_monthly, three customers. Idempotent. */
    public void seedDemoCatalogue() {
        synchronized (store.lock) {
            DemoCatalogue.seed(ctx, products, prices, customers, background());
        }
    }

    /**
     * {@code count} customers with a subscription each (pro or team, a {@code canceled} share canceled), no event
     * delivered; the demo catalogue is seeded first. Returns {customer_id, subscription_id, plan, status} each.
     */
    public ArrayNode seedCustomers(int count, double canceled) {
        synchronized (store.lock) {
            DemoCatalogue.seed(ctx, products, prices, customers, background());
            return BulkSeed.customers(ctx, count, canceled, options.seed());
        }
    }

    /** {@code count} invoice.paid events over the last {@code days} days, never delivered; their ids, oldest first. */
    public ArrayNode seedEvents(int count, int days) {
        synchronized (store.lock) {
            return BulkSeed.events(ctx, count, days, options.defaultApiVersion());
        }
    }

    /** Makes this customer's payments fail (invoice.payment_failed) until called with false. */
    public void failPayments(String account, String customerId, boolean fail) {
        synchronized (store.lock) {
            billing.setFailing(account == null ? "" : account, customerId, fail);
        }
    }

    /** Moves emulator time forward and renews subscriptions that are on no test clock. */
    public void advanceClock(Duration by) {
        synchronized (store.lock) {
            clock.advance(by.toSeconds());
            for (String account : store.accounts()) {
                renewals.advance(EventOrigin.background(account, options.defaultApiVersion()), null, clock.now());
            }
        }
    }

    public long now() {
        return clock.now();
    }

    ObjectNode registerEndpoint(String url, List<String> events, String secret) {
        WebhookEndpoint e = endpoints.add(url, events, secret);
        return ControlHandler.endpointJson(e.id, e.currentSecret());
    }

    String rollSecret(String endpointId, Duration overlap) {
        return endpoints.roll(endpointId, overlap);
    }

    private EventOrigin background() {
        return EventOrigin.background("", options.defaultApiVersion());
    }

    @Override
    public void close() {
        server.stop(0);
        delivery.close();
        executor.shutdownNow();
    }
}
