package io.accessproof.devkit.stripe;

import java.time.Duration;

/**
 * How a {@link StripeEmulator} listens and delivers.
 *
 * @param port              0 picks a free port
 * @param seed              makes ids and fault decisions reproducible
 * @param initialBackoff    delay before the first webhook retry; doubles per attempt (Stripe: hours)
 * @param maxAttempts       delivery attempts per event and endpoint, the first one included
 * @param deliveryTimeout   a receiver slower than this counts as a failed attempt
 * @param secretOverlap     how long a rolled webhook secret stays valid by default
 * @param defaultApiVersion events' api_version when a request carries no Stripe-Version
 */
public record EmulatorOptions(int port, long seed, Duration initialBackoff, int maxAttempts,
                              Duration deliveryTimeout, Duration secretOverlap, String defaultApiVersion) {

    public static final String DEFAULT_API_VERSION = "2025-03-31.basil";

    public EmulatorOptions(int port, long seed) {
        this(port, seed, Duration.ofSeconds(1), 5, Duration.ofSeconds(5), Duration.ofHours(24), DEFAULT_API_VERSION);
    }

    public EmulatorOptions withBackoff(Duration initial, int attempts) {
        return new EmulatorOptions(port, seed, initial, attempts, deliveryTimeout, secretOverlap, defaultApiVersion);
    }

    public EmulatorOptions withDeliveryTimeout(Duration timeout) {
        return new EmulatorOptions(port, seed, initialBackoff, maxAttempts, timeout, secretOverlap, defaultApiVersion);
    }
}
