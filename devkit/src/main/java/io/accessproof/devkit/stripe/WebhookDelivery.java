package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accessproof.devkit.http.BackgroundSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers events like Stripe: asynchronously, signed per attempt with a fresh timestamp, retried with
 * doubling backoff on non-2xx or timeout, no ordering guarantee. An event's pending_webhooks counts the
 * endpoints that have not yet answered 2xx; dropped deliveries never do.
 */
final class WebhookDelivery implements AutoCloseable {
    record Attempt(String eventId, String endpointId, int attempt, int status, long timeMillis, String outcome) {
    }

    private final EmulatorOptions options;
    private final Faults faults;
    private final Store store;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "emulator-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final BackgroundSender client;
    private final Map<String, Set<String>> succeeded = new HashMap<>();
    private final List<Attempt> attempts = new ArrayList<>();

    WebhookDelivery(EmulatorOptions options, Faults faults, Store store) {
        this.options = options;
        this.faults = faults;
        this.store = store;
        this.client = new BackgroundSender(HttpClient.newBuilder().connectTimeout(options.deliveryTimeout()).build(),
                "emulator-delivery");
    }

    /** Schedules delivery of a stored event to each target. Caller holds the store lock. */
    void dispatch(ObjectNode event, List<WebhookEndpoint> targets) {
        Faults.Config c = faults.config();
        for (WebhookEndpoint endpoint : targets) {
            if (faults.roll(c.dropRate())) {
                record(event, endpoint, 0, 0, "dropped");
                continue;
            }
            int copies = faults.roll(c.duplicateRate()) ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                long delay = c.reorder() ? faults.jitter(c.reorderWindowMs()) : 0;
                scheduler.schedule(() -> attempt(event, endpoint, 1), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void attempt(ObjectNode event, WebhookEndpoint endpoint, int n) {
        if (!endpoint.enabled()) {
            return;
        }
        String payload;
        synchronized (store.lock) {
            payload = new String(Json.bytes(event), StandardCharsets.UTF_8);
        }
        long nowMillis = System.currentTimeMillis();
        String signature = Signer.header(nowMillis / 1000, payload, endpoint.activeSecrets(nowMillis));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(options.deliveryTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        client.send(request).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            boolean ok = status >= 200 && status < 300;
            record(event, endpoint, n, status, ok ? "succeeded" : error != null ? "error: " + error : "failed");
            if (ok) {
                succeeded(event, endpoint);
            } else if (n < options.maxAttempts()) {
                long backoff = options.initialBackoff().toMillis() << Math.min(n - 1, 20);
                scheduler.schedule(() -> attempt(event, endpoint, n + 1), backoff, TimeUnit.MILLISECONDS);
            }
        });
    }

    private void succeeded(ObjectNode event, WebhookEndpoint endpoint) {
        synchronized (store.lock) {
            String id = event.get("id").asText();
            if (succeeded.computeIfAbsent(id, k -> new HashSet<>()).add(endpoint.id)) {
                event.put("pending_webhooks", Math.max(0, event.path("pending_webhooks").asInt() - 1));
            }
        }
    }

    private void record(ObjectNode event, WebhookEndpoint endpoint, int n, int status, String outcome) {
        synchronized (attempts) {
            attempts.add(new Attempt(event.get("id").asText(), endpoint.id, n, status, System.currentTimeMillis(), outcome));
        }
    }

    ObjectNode attemptsJson() {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        synchronized (attempts) {
            attempts.forEach(a -> data.add(Json.MAPPER.<ObjectNode>valueToTree(a)));
        }
        return root;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
