package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/webhook_endpoints}: delivery targets (platform-wide; they receive Connect events too).
 * The secret appears only in the create and roll_secret responses, as in Stripe.
 */
final class WebhookEndpoints {
    private final Ids ids;
    private final EmulatorClock clock;
    private final Duration defaultOverlap;
    private final List<WebhookEndpoint> endpoints = new ArrayList<>();

    WebhookEndpoints(Ids ids, EmulatorClock clock, Duration defaultOverlap) {
        this.ids = ids;
        this.clock = clock;
        this.defaultOverlap = defaultOverlap;
    }

    void routes(Router r) {
        r.post("/v1/webhook_endpoints", this::create)
                .get("/v1/webhook_endpoints", req -> Pager.page(
                        all().stream().map(e -> e.json).toList(), req.params(), "/v1/webhook_endpoints", n -> n))
                .get("/v1/webhook_endpoints/{id}", req -> find(req.pathParam(1)).json)
                .post("/v1/webhook_endpoints/{id}/roll_secret", this::roll)
                .post("/v1/webhook_endpoints/{id}", this::update)
                .delete("/v1/webhook_endpoints/{id}", this::delete);
    }

    synchronized WebhookEndpoint add(String url, List<String> events, String secret) {
        ObjectNode json = Json.object();
        String id = ids.next("we");
        json.put("id", id);
        json.put("object", "webhook_endpoint");
        json.putNull("api_version");
        json.putNull("application");
        json.put("created", clock.now());
        json.putNull("description");
        ArrayNode enabled = json.putArray("enabled_events");
        (events.isEmpty() ? List.of("*") : events).forEach(enabled::add);
        json.put("livemode", false);
        json.putObject("metadata");
        json.put("status", "enabled");
        json.put("url", url);
        WebhookEndpoint endpoint = new WebhookEndpoint(id, json, secret == null ? ids.secret("whsec") : secret);
        endpoints.add(endpoint);
        return endpoint;
    }

    synchronized List<WebhookEndpoint> matching(String type) {
        return endpoints.stream().filter(e -> e.enabled() && e.wants(type)).toList();
    }

    /** Rolls the secret; the old one is sent alongside for {@code overlap}. */
    String roll(String id, Duration overlap) {
        WebhookEndpoint endpoint = find(id);
        String secret = ids.secret("whsec");
        endpoint.roll(secret, System.currentTimeMillis() + overlap.toMillis());
        return secret;
    }

    private synchronized List<WebhookEndpoint> all() {
        List<WebhookEndpoint> out = new ArrayList<>(endpoints);
        java.util.Collections.reverse(out);
        return out;
    }

    private synchronized WebhookEndpoint find(String id) {
        return endpoints.stream().filter(e -> e.id.equals(id)).findFirst()
                .orElseThrow(() -> StripeError.missing("webhook endpoint", id, "id"));
    }

    private JsonNode create(ApiRequest req) {
        WebhookEndpoint e = add(req.params().required("url"), req.params().stringList("enabled_events"), null);
        Diff.applyMetadata(e.json, req.params().strings("metadata"));
        if (req.params().string("api_version") != null) {
            e.json.put("api_version", req.params().string("api_version")); // the events keep the request's version
        }
        return withSecret(e, e.currentSecret());
    }

    private JsonNode roll(ApiRequest req) {
        Long seconds = req.params().longValue("expiration_seconds");
        Duration overlap = seconds == null ? defaultOverlap : Duration.ofSeconds(seconds);
        String secret = roll(req.pathParam(1), overlap);
        return withSecret(find(req.pathParam(1)), secret);
    }

    private JsonNode update(ApiRequest req) {
        WebhookEndpoint e = find(req.pathParam(1));
        Params p = req.params();
        if (p.string("url") != null) {
            e.json.put("url", p.string("url"));
        }
        if (p.has("enabled_events")) {
            ArrayNode enabled = e.json.putArray("enabled_events");
            p.stringList("enabled_events").forEach(enabled::add);
        }
        if (p.bool("disabled") != null) {
            e.json.put("status", p.bool("disabled") ? "disabled" : "enabled");
        }
        Diff.applyMetadata(e.json, p.strings("metadata"));
        return e.json;
    }

    private JsonNode delete(ApiRequest req) {
        WebhookEndpoint e = find(req.pathParam(1));
        e.deleted = true;
        synchronized (this) {
            endpoints.remove(e);
        }
        ObjectNode out = Json.object();
        out.put("id", e.id);
        out.put("object", "webhook_endpoint");
        out.put("deleted", true);
        return out;
    }

    private static ObjectNode withSecret(WebhookEndpoint e, String secret) {
        ObjectNode copy = e.json.deepCopy();
        copy.put("secret", secret);
        return copy;
    }
}
