package io.accessproof.activities.reconcile;

import java.util.Locale;

/** What a Stripe API key's prefix says, without ever keeping or showing the key. */
public final class StripeKeys {
    private StripeKeys() {
    }

    /** {@code live}, {@code test}, or {@code unknown} for a key that is neither a secret nor a restricted key. */
    public static String modeOf(String apiKey) {
        if (apiKey == null) {
            return "unknown";
        }
        String key = apiKey.toLowerCase(Locale.ROOT);
        if (key.startsWith("sk_live_") || key.startsWith("rk_live_")) {
            return "live";
        }
        return key.startsWith("sk_test_") || key.startsWith("rk_test_") ? "test" : "unknown";
    }
}
