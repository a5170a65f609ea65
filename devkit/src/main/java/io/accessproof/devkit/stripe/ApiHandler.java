package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /v1} front door: API key, faults and rate limit, idempotency, form parsing, routing under
 * the store lock, {@code expand[]}, Stripe's error envelope, and the request log.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private record Cached(int status, byte[] body) {
    }

    private final Router router;
    private final Store store;
    private final Faults faults;
    private final RequestLog log;
    private final Ids requestIds;
    private final String defaultApiVersion;
    private final Map<String, Cached> idempotent = new HashMap<>();

    ApiHandler(Router router, Store store, Faults faults, RequestLog log, long seed, String defaultApiVersion) {
        this.router = router;
        this.store = store;
        this.faults = faults;
        this.log = log;
        this.requestIds = new Ids(seed * 31 + 7);
        this.defaultApiVersion = defaultApiVersion;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.currentTimeMillis();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String account = header(exchange, "Stripe-Account", "");
        String requestId = requestIds.next("req");
        int status = 500;
        try {
            exchange.getResponseHeaders().set("Request-Id", requestId);
            Cached response;
            try {
                response = serve(exchange, method, path, account, requestId);
            } catch (StripeError e) {
                if (e.status == 429) {
                    exchange.getResponseHeaders().set("Stripe-Should-Retry", "true");
                }
                response = new Cached(e.status, Json.bytes(HttpIo.envelope(e)));
            } catch (RuntimeException e) {
                LOG.warn("emulator failed on {} {}", method, path, e);
                response = new Cached(500, Json.bytes(HttpIo.envelope(
                        new StripeError(500, "api_error", null, "Emulator error: " + e, null))));
            }
            status = response.status();
            HttpIo.send(exchange, status, response.body());
        } finally {
            log.add(new RequestLog.Entry(method, path, started, status, account, requestId));
            exchange.close();
        }
    }

    private Cached serve(HttpExchange exchange, String method, String path, String account, String requestId)
            throws IOException {
        String apiKey = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        faults.beforeApiCall(apiKey, path);
        String version = header(exchange, "Stripe-Version", defaultApiVersion);
        exchange.getResponseHeaders().set("Stripe-Version", version);
        String key = method.equals("POST") ? exchange.getRequestHeaders().getFirst("Idempotency-Key") : null;
        String cacheKey = account + "\n" + key;
        if (key != null) {
            synchronized (idempotent) {
                Cached cached = idempotent.get(cacheKey);
                if (cached != null) {
                    exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
                    return cached;
                }
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>(FormParser.parse(exchange.getRequestURI().getRawQuery()));
        if (method.equals("POST")) {
            tree.putAll(FormParser.parse(new String(HttpIo.body(exchange), StandardCharsets.UTF_8)));
        }
        Params params = new Params(tree);
        Router.Match match = router.find(method, path);
        if (match == null) {
            throw StripeError.notFound(method, path);
        }
        ApiRequest request = new ApiRequest(method, path, params, account, version, requestId, key, match.matcher());
        Cached response;
        try {
            JsonNode result;
            synchronized (store.lock) {
                result = match.route().handler().handle(request).deepCopy();
                for (String expand : params.stringList("expand")) {
                    Expander.expand(result, expand, id -> store.get(account, id));
                }
            }
            response = new Cached(200, Json.bytes(result));
        } catch (StripeError e) {
            if (e.status >= 500 || key == null) {
                throw e;
            }
            response = new Cached(e.status, Json.bytes(HttpIo.envelope(e)));
        }
        if (key != null) {
            synchronized (idempotent) {
                idempotent.put(cacheKey, response);
            }
        }
        return response;
    }

    private static String authenticate(String authorization) {
        String apiKey = null;
        if (authorization != null && authorization.startsWith("Bearer ")) {
            apiKey = authorization.substring(7).trim();
        } else if (authorization != null && authorization.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            apiKey = decoded.split(":", 2)[0];
        }
        if (apiKey == null || apiKey.isEmpty()) {
            throw new StripeError(401, "invalid_request_error", null,
                    "You did not provide an API key. You need to provide your API key in the Authorization header, "
                            + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').", null);
        }
        if (!apiKey.startsWith("sk_test_") && !apiKey.startsWith("rk_test_")) {
            throw new StripeError(401, "invalid_request_error", "api_key_invalid",
                    "Invalid API Key provided: " + apiKey.substring(0, Math.min(8, apiKey.length())) + "****", null);
        }
        return apiKey;
    }

    private static String header(HttpExchange exchange, String name, String fallback) {
        String v = exchange.getRequestHeaders().getFirst(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
