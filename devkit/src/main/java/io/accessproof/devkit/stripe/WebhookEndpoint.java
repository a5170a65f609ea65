package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** A delivery target with its signing secrets; a rolled secret stays valid until its expiry. */
final class WebhookEndpoint {
    private record Secret(String value, long expiresAtMillis) {
    }

    final String id;
    final ObjectNode json;
    private final List<Secret> secrets = new ArrayList<>();
    volatile boolean deleted;

    WebhookEndpoint(String id, ObjectNode json, String secret) {
        this.id = id;
        this.json = json;
        secrets.add(new Secret(secret, Long.MAX_VALUE));
    }

    String url() {
        return json.get("url").asText();
    }

    boolean enabled() {
        return !deleted && "enabled".equals(json.path("status").asText());
    }

    boolean wants(String eventType) {
        for (var e : json.withArray("enabled_events")) {
            String pattern = e.asText();
            if (pattern.equals("*") || pattern.equals(eventType)
                    || (pattern.endsWith(".*") && eventType.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    synchronized String currentSecret() {
        return secrets.get(0).value();
    }

    /** Newest first: the v1= values a delivery carries now. */
    synchronized List<String> activeSecrets(long nowMillis) {
        secrets.removeIf(s -> s.expiresAtMillis() <= nowMillis);
        return secrets.stream().map(Secret::value).toList();
    }

    synchronized void roll(String newSecret, long oldExpiresAtMillis) {
        List<Secret> kept = new ArrayList<>();
        kept.add(new Secret(newSecret, Long.MAX_VALUE));
        for (Secret s : secrets) {
            long expiry = s.expiresAtMillis() == Long.MAX_VALUE ? oldExpiresAtMillis : s.expiresAtMillis();
            if (expiry > System.currentTimeMillis()) {
                kept.add(new Secret(s.value(), expiry));
            }
        }
        secrets.clear();
        secrets.addAll(kept);
    }
}
