package io.accessproof.server.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a {@code Stripe-Signature}-style header ({@code t=…,v1=…[,v1=…]}) against several secrets and
 * refuses timestamps outside the tolerance in both directions. The header is parsed once, strictly
 * ({@link SignatureHeader}), and the HMAC computed over the very {@code t} whose age is checked.
 * Used for Stripe webhooks and receipts.
 */
public final class SignatureVerifier {
    /** The refusal of a well-formed, fresh or stale header that none of the secrets signed. */
    public static final String NO_VALID_SIGNATURE = "no valid signature for any configured secret";

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
        SignatureHeader parsed;
        try {
            parsed = SignatureHeader.parse(header);
        } catch (SignatureHeader.Malformed e) {
            return e.getMessage();
        }
        if (!signedByAnySecret(parsed, payload)) {
            return NO_VALID_SIGNATURE;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - parsed.timestamp());
        if (skew > tolerance.toSeconds()) {
            return "timestamp outside tolerance";
        }
        return null;
    }

    private boolean signedByAnySecret(SignatureHeader header, String payload) {
        String signed = header.timestamp() + "." + payload;
        for (String secret : secrets) {
            byte[] expected = hmacSha256(secret, signed);
            for (byte[] candidate : header.v1()) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmacSha256(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
