package io.accessproof.devkit.demoapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.accessproof.devkit.stripe.Json;
import io.accessproof.devkit.stripe.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /stripe/webhook}: verifies Stripe's signature, applies subscription events to the
 * accounts table (or misbehaves as the customer's fault mode says), then sends a receipt.
 */
final class WebhookHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final long TOLERANCE_SECONDS = 300;

    private final List<String> secrets;
    private final AccountsStore accounts;
    private final Faults faults;
    private final ReceiptSender receipts;
    private final ScheduledExecutorService delayed;

    WebhookHandler(DemoAppOptions options, AccountsStore accounts, Faults faults, ReceiptSender receipts,
                   ScheduledExecutorService delayed) {
        this.secrets = Arrays.stream(options.webhookSecret().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.accounts = accounts;
        this.faults = faults;
        this.receipts = receipts;
        this.delayed = delayed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                DemoApp.send(exchange, 405, Map.of("error", "method not allowed"));
                return;
            }
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String signature = exchange.getRequestHeaders().getFirst("Stripe-Signature");
            long now = Instant.now().getEpochSecond();
            if (secrets.stream().noneMatch(s -> Signer.verify(signature, payload, s, now, TOLERANCE_SECONDS))) {
                DemoApp.send(exchange, 400, Map.of("error", "invalid signature"));
                return;
            }
            JsonNode event = Json.MAPPER.readTree(payload);
            int status = process(event);
            DemoApp.send(exchange, status, Map.of("received", status < 300));
        }
    }

    private int process(JsonNode event) {
        String customer = event.path("data").path("object").path("customer").asText(null);
        Faults.Fault fault = faults.forCustomer(customer);
        switch (fault.mode()) {
            case DROP -> {
                return 200;
            }
            case FAIL -> {
                return 500;
            }
            case RECEIPT_FAILED -> {
                receipts.send(id(event), customer, false, "entitlement_service_down", Map.of());
                return 200;
            }
            case LIE -> {
                receipts.send(id(event), customer, true, null, Map.of());
                return 200;
            }
            case DELAY -> {
                delayed.schedule(() -> applyAndReceipt(event, FaultMode.OK), fault.seconds(), TimeUnit.SECONDS);
                return 200;
            }
            default -> {
                return applyAndReceipt(event, fault.mode()) ? 200 : 500;
            }
        }
    }

    /** Applies the event (if it concerns access) and, after the commit, sends the receipt. */
    private boolean applyAndReceipt(JsonNode event, FaultMode mode) {
        String type = event.path("type").asText();
        JsonNode object = event.path("data").path("object");
        String customer = object.path("customer").asText(null);
        if (!type.startsWith("customer.subscription.")) {
            receipts.send(id(event), customer, true, "ignored_event_type", Map.of());
            return true;
        }
        Account account = Entitlement.fromSubscription(object, type.equals("customer.subscription.deleted"));
        if (account == null) {
            receipts.send(id(event), customer, false, "unknown_price", Map.of());
            return true;
        }
        if (mode == FaultMode.WRONG_PLAN) {
            account = new Account(account.customerId(), Entitlement.wrongPlan(account.plan()), account.active());
        } else if (mode == FaultMode.ONE_SEAT) {
            account = account.withSeats(1);
        }
        try {
            long created = event.path("created").asLong();
            boolean changed = mode == FaultMode.LAST_EVENT_WINS ? accounts.apply(account, created)
                    : accounts.applySubscription(object.path("id").asText(), account, created);
            receipts.send(id(event), customer, true, changed ? null : "superseded_by_newer_event",
                    Map.of("accounts_row", account.customerId()));
            return true;
        } catch (SQLException e) {
            LOG.warn("cannot apply {}", id(event), e);
            return false;
        }
    }

    private static String id(JsonNode event) {
        return event.path("id").asText();
    }
}
