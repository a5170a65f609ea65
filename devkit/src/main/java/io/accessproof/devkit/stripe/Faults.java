package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Injected misbehaviour of the API and of webhook delivery. Decisions come from a seeded Random, so a
 * run with the same seed and the same request sequence sees the same faults.
 */
final class Faults {
    record Config(long apiLatencyMs, double apiErrorRate, double api429Rate, long apiHangMs, double apiHangRate,
                  double dropRate, double duplicateRate, boolean reorder, long reorderWindowMs,
                  int rateLimitPerSecond, String refuseKey, int refuseStatus) {
        static final Config NONE = new Config(0, 0, 0, 0, 1, 0, 0, false, 500, 0, null, 401);

        static Config from(JsonNode j) {
            return new Config(j.path("api_latency_ms").asLong(0), j.path("api_error_rate").asDouble(0),
                    j.path("api_429_rate").asDouble(0), j.path("api_hang_ms").asLong(0),
                    j.path("api_hang_rate").asDouble(1), j.path("drop_rate").asDouble(0),
                    j.path("duplicate_rate").asDouble(0), j.path("reorder").asBoolean(false),
                    j.path("reorder_window_ms").asLong(500), j.path("rate_limit_per_second").asInt(0),
                    j.hasNonNull("refuse_key") ? j.get("refuse_key").asText() : null, j.path("refuse_status").asInt(401));
        }

        ObjectNode toJson() {
            return Json.MAPPER.valueToTree(this);
        }
    }

    private final Random random;
    private final Deque<Long> window = new ArrayDeque<>();
    private volatile Config config = Config.NONE;

    Faults(long seed) {
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    Config config() {
        return config;
    }

    void set(Config c) {
        config = c;
    }

    synchronized boolean roll(double rate) {
        return rate > 0 && (rate >= 1 || random.nextDouble() < rate);
    }

    synchronized long jitter(long maxMillis) {
        return maxMillis <= 0 ? 0 : (long) (random.nextDouble() * maxMillis);
    }

    /** Applies API faults before a request is served; throws the error the client should see. */
    void beforeApiCall(String apiKey, String path) {
        Config c = config;
        if (c.refuseKey() != null && c.refuseKey().equals(apiKey)) {
            throw Refusals.of(c.refuseStatus(), apiKey, path);
        }
        if (c.rateLimitPerSecond() > 0 && !admit(c.rateLimitPerSecond())) {
            throw rateLimited();
        }
        if (c.api429Rate() > 0 && roll(c.api429Rate())) {
            throw rateLimited();
        }
        pause(c.apiLatencyMs());
        if (c.apiHangMs() > 0 && roll(c.apiHangRate())) {
            pause(c.apiHangMs());
        }
        if (c.apiErrorRate() > 0 && roll(c.apiErrorRate())) {
            throw new StripeError(500, "api_error", null, "An unknown error occurred (injected by the emulator).", null);
        }
    }

    private synchronized boolean admit(int perSecond) {
        long now = System.nanoTime();
        while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
            window.pollFirst();
        }
        if (window.size() >= perSecond) {
            return false;
        }
        window.addLast(now);
        return true;
    }

    private static StripeError rateLimited() {
        return new StripeError(429, "invalid_request_error", "rate_limit",
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", null);
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis); // the fault is exactly "the server is slow": this blocks a server thread, not a test
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
