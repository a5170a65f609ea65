package io.accessproof.devkit.demoapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.accessproof.devkit.stripe.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A tiny SaaS that grants access from Stripe webhooks, with injectable faults.
 * {@code POST /stripe/webhook}, {@code GET /access/{customer_id}},
 * {@code POST /_demo/seed} (many accounts at once),
 * {@code PUT /_demo/faults[/{customer_id}]} {@code {"mode":…,"seconds":N}}, {@code DELETE /_demo/faults[/{customer_id}]}.
 */
public final class DemoApp implements AutoCloseable {
    private static final long DEFAULT_HANG_SECONDS = 30;

    private final DemoAppOptions options;
    private final AccountsStore accounts;
    private final Faults faults = new Faults();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService delayed = Executors.newScheduledThreadPool(2);

    private DemoApp(DemoAppOptions options, InetAddress bind) throws IOException {
        this.options = options;
        this.accounts = new AccountsStore(options);
        server = HttpServer.create(new InetSocketAddress(bind, options.port()), 128);
        server.createContext("/stripe/webhook",
                new WebhookHandler(options, accounts, faults, new ReceiptSender(options), delayed));
        server.createContext("/access/", this::access);
        server.createContext("/_demo/faults", this::faults);
        server.createContext("/_demo/seed", this::seed);
        server.setExecutor(executor);
        server.start();
    }

    /** Listens on 127.0.0.1 only. */
    public static DemoApp start(DemoAppOptions options) {
        return start(options, InetAddress.getLoopbackAddress());
    }

    /** Listens on {@code bind} (a container's own address: another container reaches it by name). */
    public static DemoApp start(DemoAppOptions options, InetAddress bind) {
        try {
            return new DemoApp(options, bind);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ":" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + port() + "/stripe/webhook";
    }

    private void access(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Deploy-Sha", options.deploySha());
            String customer = exchange.getRequestURI().getPath().substring("/access/".length());
            Faults.Fault fault = faults.forCustomer(customer);
            if (fault.mode() == FaultMode.HANG) {
                hang(fault.seconds() > 0 ? fault.seconds() : DEFAULT_HANG_SECONDS);
                return;
            }
            Optional<Account> account;
            try {
                account = accounts.find(customer);
            } catch (SQLException e) {
                send(exchange, 503, Map.of("error", "database unavailable"));
                return;
            }
            if (account.isEmpty()) {
                send(exchange, 404, Map.of("error", "unknown customer"));
                return;
            }
            var body = Json.object();
            body.put("customer_id", customer);
            body.put("plan", account.get().plan());
            body.put("active", account.get().active());
            if (account.get().seats() != null) {
                body.put("seats", account.get().seats());
            }
            send(exchange, 200, body);
        }
    }

    /**
     * {@code POST /_demo/seed} {@code {"accounts":[{"customer_id","subscription_id","plan","active"}]}}: what the
     * app grants many customers at once, as if it had applied their events (benchmarks seed wrong ones on purpose).
     */
    private void seed(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, 405, Map.of("error", "method not allowed"));
                return;
            }
            var body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            List<AccountsStore.Seeded> seeded = new ArrayList<>();
            body.path("accounts").forEach(a -> seeded.add(new AccountsStore.Seeded(a.path("subscription_id").asText(),
                    new Account(a.path("customer_id").asText(), a.path("plan").asText(), a.path("active").asBoolean()))));
            try {
                accounts.seed(seeded);
            } catch (SQLException e) {
                send(exchange, 503, Map.of("error", "database unavailable"));
                return;
            }
            send(exchange, 200, Map.of("seeded", seeded.size()));
        }
    }

    private void faults(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rest = exchange.getRequestURI().getPath().substring("/_demo/faults".length()).replaceFirst("^/", "");
            String customer = rest.isEmpty() ? null : rest;
            switch (exchange.getRequestMethod()) {
                case "PUT", "POST" -> {
                    JsonNode body = Json.parse(exchange.getRequestBody().readAllBytes());
                    FaultMode mode;
                    try {
                        mode = FaultMode.parse(body.path("mode").asText("ok"));
                    } catch (IllegalArgumentException e) {
                        send(exchange, 400, Map.of("error", "unknown mode"));
                        return;
                    }
                    faults.set(customer, new Faults.Fault(mode, body.path("seconds").asLong(0)));
                    send(exchange, 200, Map.of("customer_id", customer == null ? "*" : customer, "mode", mode.wire()));
                }
                case "DELETE" -> {
                    faults.clear(customer);
                    send(exchange, 200, Map.of("cleared", customer == null ? "*" : customer));
                }
                default -> send(exchange, 405, Map.of("error", "method not allowed"));
            }
        }
    }

    /** The fault is exactly "the app does not answer": this blocks one of the app's threads, not a test. */
    private static void hang(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        delayed.shutdownNow();
        accounts.close();
    }
}
