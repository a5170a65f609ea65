package io.accessproof.devkit.demoapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.accessproof.devkit.http.BackgroundSender;
import io.accessproof.devkit.stripe.Json;
import io.accessproof.devkit.stripe.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the app's receipt for an event: JSON signed with
 * {@code Accessproof-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. Fire and forget.
 */
final class ReceiptSender {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptSender.class);
    private final String url;
    private final String secret;
    private final String deploySha;
    private final BackgroundSender client =
            new BackgroundSender(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), "demo-app-receipts");

    ReceiptSender(DemoAppOptions options) {
        this.url = options.receiptsUrl();
        this.secret = options.receiptSecret();
        this.deploySha = options.deploySha();
    }

    void send(String eventId, String customerId, boolean processed, String reasonCode, Map<String, String> refs) {
        if (url == null || secret == null) {
            return;
        }
        ObjectNode body = Json.object();
        body.put("event_id", eventId);
        body.put("receipt_id", "rcpt_" + UUID.randomUUID().toString().replace("-", ""));
        body.put("status", processed ? "processed" : "failed");
        body.put("reason_code", reasonCode);
        body.put("processed_at", Instant.now().toString());
        body.set("side_effect_refs", Json.MAPPER.valueToTree(refs));
        body.put("deploy_sha", deploySha);
        body.put("customer_id", customerId);
        String payload = new String(Json.bytes(body), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Accessproof-Signature", Signer.header(Instant.now().getEpochSecond(), payload, List.of(secret)))
                .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                .build();
        client.send(request).whenComplete((r, e) -> {
            if (e != null || r.statusCode() >= 300) {
                LOG.warn("receipt for {} not accepted: {}", eventId, e != null ? e.toString() : r.statusCode());
            }
        });
    }
}
