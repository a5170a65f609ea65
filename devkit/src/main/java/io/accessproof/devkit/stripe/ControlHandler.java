package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /_emulator/…} (JSON, no auth): faults, request log, delivery log, payment failures,
 * emulator clock, webhook endpoints with known secrets, demo catalogue, bulk seeds ({@link BulkSeed}).
 */
final class ControlHandler implements HttpHandler {
    private final StripeEmulator emulator;
    private final Faults faults;
    private final RequestLog log;
    private final WebhookDelivery delivery;

    ControlHandler(StripeEmulator emulator, Faults faults, RequestLog log, WebhookDelivery delivery) {
        this.emulator = emulator;
        this.faults = faults;
        this.log = log;
        this.delivery = delivery;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String[] parts = exchange.getRequestURI().getPath().replaceFirst("^/_emulator/?", "").split("/");
            JsonNode body = method.equals("POST") || method.equals("PUT") ? Json.parse(HttpIo.body(exchange)) : Json.object();
            JsonNode result;
            try {
                result = route(method, parts, body, exchange.getRequestURI().getQuery());
            } catch (StripeError e) {
                HttpIo.send(exchange, e.status, HttpIo.envelope(e));
                return;
            }
            if (result == null) {
                HttpIo.send(exchange, 404, HttpIo.envelope(StripeError.notFound(method, exchange.getRequestURI().getPath())));
            } else {
                HttpIo.send(exchange, 200, result);
            }
        }
    }

    private JsonNode route(String method, String[] p, JsonNode body, String query) {
        String what = method + " " + p[0] + "/" + p.length;
        switch (what) {
            case "POST faults/1", "PUT faults/1" -> {
                faults.set(Faults.Config.from(body));
                return faults.config().toJson();
            }
            case "GET faults/1" -> {
                return faults.config().toJson();
            }
            case "DELETE faults/1" -> {
                faults.set(Faults.Config.NONE);
                return faults.config().toJson();
            }
            case "GET requests/1" -> {
                return log.toJson(query != null && query.startsWith("since=") ? Long.parseLong(query.substring(6)) : 0);
            }
            case "DELETE requests/1" -> {
                log.clear();
                return Json.object().put("cleared", true);
            }
            case "GET deliveries/1" -> {
                return delivery.attemptsJson();
            }
            case "POST customers/3" -> {
                emulator.failPayments(body.path("account").asText(""), p[1], body.path("fail").asBoolean(true));
                return Json.object().put("customer", p[1]).put("fail_payments", body.path("fail").asBoolean(true));
            }
            case "POST clock/2" -> {
                emulator.advanceClock(Duration.ofSeconds(body.path("seconds").asLong()));
                return Json.object().put("now", emulator.now());
            }
            case "POST webhook_endpoints/1" -> {
                List<String> events = new ArrayList<>();
                body.path("enabled_events").forEach(e -> events.add(e.asText()));
                String secret = body.hasNonNull("secret") ? body.get("secret").asText() : null;
                return emulator.registerEndpoint(body.path("url").asText(), events, secret);
            }
            case "POST webhook_endpoints/3" -> {
                String secret = emulator.rollSecret(p[1], Duration.ofSeconds(body.path("overlap_seconds").asLong(3600)));
                return Json.object().put("id", p[1]).put("secret", secret);
            }
            case "POST seed/2" -> {
                int count = body.path("count").asInt(1000);
                return switch (p[1]) {
                    case "customers" -> Json.object().set("customers",
                            emulator.seedCustomers(count, body.path("canceled").asDouble(0)));
                    case "events" -> Json.object().set("events", emulator.seedEvents(count, body.path("days").asInt(30)));
                    default -> null;
                };
            }
            case "POST seed/1" -> {
                emulator.seedDemoCatalogue();
                return Json.object().put("seeded", true);
            }
            default -> {
                return null;
            }
        }
    }

    static ObjectNode endpointJson(String id, String secret) {
        return Json.object().put("id", id).put("secret", secret);
    }
}
