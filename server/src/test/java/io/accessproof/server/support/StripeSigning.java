package io.accessproof.server.support;

import com.stripe.net.Webhook;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/** Signs payloads exactly as Stripe does: {@code t=<ts>,v1=HMAC-SHA256(secret, "<ts>.<payload>")}. */
public final class StripeSigning {
    private StripeSigning() {
    }

    public static String header(String payload, String secret) {
        return header(payload, Instant.now().getEpochSecond(), secret);
    }

    public static String header(String payload, long timestamp, String... secrets) {
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(hmac(secret, timestamp + "." + payload));
        }
        return header.toString();
    }

    /** The hex {@code v1} value alone, for building headers an attacker would send. */
    public static String signature(String payload, long timestamp, String secret) {
        return hmac(secret, timestamp + "." + payload);
    }

    private static String hmac(String secret, String message) {
        try {
            return Webhook.Util.computeHmacSha256(secret, message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
