package io.accessproof.server.intake;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Verifies a {@code Stripe-Signature}-style header ({@code t=…,v1=…[,v1=…]}) against several secrets,
 * with stripe-java's verifier, and refuses timestamps outside the tolerance in both directions
 * (stripe-java alone accepts a timestamp hours in the future). Used for Stripe webhooks and receipts.
 */
public final class SignatureVerifier {
    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public SignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        this.secrets = List.copyOf(secrets);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Returns null when the header is valid, else the reason to refuse it. */
    public String refusal(String header, String payload) {
        if (header == null || header.isBlank()) {
            return "missing signature header";
        }
        Long timestamp = timestamp(header);
        if (timestamp == null) {
            return "malformed signature header";
        }
        if (!signedByAnySecret(header, payload)) {
            return "no valid signature for any configured secret";
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            return "timestamp outside tolerance";
        }
        return null;
    }

    private boolean signedByAnySecret(String header, String payload) {
        for (String secret : secrets) {
            try {
                // Tolerance 0: stripe-java skips its own one-sided timestamp check; ours is two-sided.
                Webhook.Signature.verifyHeader(payload, header, secret, 0);
                return true;
            } catch (SignatureVerificationException e) {
                // try the next secret
            }
        }
        return false;
    }

    private static Long timestamp(String header) {
        for (String item : header.split(",")) {
            String[] kv = item.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    return Long.parseLong(kv[1].trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
