package io.accessproof.activities.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.StripeClient;
import com.sun.net.httpserver.HttpServer;
import io.accessproof.activities.fixtures.StripeFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback Stripe API for tests: routes by path, answers with JSON built from the bundled Stripe fixtures,
 * and records every request it got.
 */
final class FakeStripe implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION_LIST = "/v1/subscriptions";

    record Request(String method, String path, Map<String, List<String>> query, String stripeAccount,
                   String authorization) {
        String param(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    record Response(int status, String body) {
        static Response ok(Object json) {
            return new Response(200, json.toString());
        }

        static Response error(int status, String type, String code, String message) {
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("type", type).put("code", code).put("message", message);
            return new Response(status, error.toString());
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeStripe() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    parseQuery(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Stripe-Account"),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(request);
            Function<Request, Response> route = routes.get(request.path());
            Response response = route != null ? route.apply(request)
                    : SUBSCRIPTION_LIST.equals(request.path()) ? subscriptionList(request)
                    : Response.error(404, "invalid_request_error", "resource_missing", "No such route: " + request.path());
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_test_" + requests.size());
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    StripeClient client() {
        return StripeClient.builder().setApiKey("sk_test_fake").setApiBase(baseUrl()).setMaxNetworkRetries(0).build();
    }

    /**
     * {@code GET /v1/subscriptions?customer=} unless a test routes it: the customer's subscriptions among those
     * routed by id, as one page. A subscription route that answers 404 or 400 is not in the list; one that
     * refuses the key, is rate limited or fails (401, 403, 429, 5xx) answers the list so, as Stripe would.
     */
    private Response subscriptionList(Request request) {
        ArrayNode data = JSON.createArrayNode();
        for (Map.Entry<String, Function<Request, Response>> route : routes.entrySet()) {
            if (!route.getKey().matches(SUBSCRIPTION_LIST + "/[^/]+")) {
                continue;
            }
            Response one = route.getValue().apply(request);
            if (one.status() == 404 || one.status() == 400) {
                continue;
            }
            if (one.status() != 200) {
                return one;
            }
            try {
                JsonNode sub = JSON.readTree(one.body());
                JsonNode customer = sub.path("customer");
                String owner = customer.isObject() ? customer.path("id").asText() : customer.asText();
                if (owner.equals(request.param("customer"))) {
                    data.add(sub);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ObjectNode list = JSON.createObjectNode().put("object", "list").put("url", SUBSCRIPTION_LIST)
                .put("has_more", false);
        list.set("data", data);
        return Response.ok(list);
    }

    void route(String path, Function<Request, Response> handler) {
        routes.put(path, handler);
    }

    void json(String path, Object json) {
        route(path, r -> Response.ok(json));
    }

    List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The reads that could answer for a subscription: by its id, or the list of its customer's subscriptions. */
    List<Request> subscriptionReads(String subscriptionId, String customerId) {
        return requests.stream().filter(r -> r.path().equals(SUBSCRIPTION_LIST + "/" + subscriptionId)
                || r.path().equals(SUBSCRIPTION_LIST) && customerId.equals(r.param("customer"))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** A fixture object (see {@link StripeFixtures}), as a mutable tree (the file is never touched). */
    static ObjectNode fixture(String relative) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(StripeFixtures.object(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
