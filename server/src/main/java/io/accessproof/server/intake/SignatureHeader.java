package io.accessproof.server.intake;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code Stripe-Signature}-style header parsed once, strictly, with Stripe's semantics: comma-separated
 * {@code key=value} items without whitespace, exactly one {@code t} (decimal Unix seconds), one or more
 * {@code v1} (hex HMAC-SHA256); other schemes ({@code v0}) are ignored. The HMAC is checked against the
 * same {@code t} as the tolerance, so an old signature cannot ride on a fresh second {@code t}.
 */
record SignatureHeader(long timestamp, List<byte[]> v1) {
    private static final int SHA256_HEX = 64;
    /** Ten digits are Unix seconds until the year 2286; more is an overflow attempt, not a clock. */
    private static final int MAX_TIMESTAMP_DIGITS = 10;

    /** The parsed header, or throws with the reason it is refused. */
    static SignatureHeader parse(String header) throws Malformed {
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String item : header.split(",", -1)) {
            int eq = item.indexOf('=');
            if (eq <= 0 || !item.strip().equals(item)) {
                throw new Malformed("malformed signature header: every item must be key=value without spaces");
            }
            String key = item.substring(0, eq);
            String value = item.substring(eq + 1);
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw new Malformed("malformed signature header: more than one t");
                }
                timestamp = timestamp(value);
            } else if (key.equals("v1")) {
                signatures.add(signature(value));
            }
        }
        if (timestamp == null) {
            throw new Malformed("malformed signature header: no t");
        }
        if (signatures.isEmpty()) {
            throw new Malformed("malformed signature header: no v1 signature");
        }
        return new SignatureHeader(timestamp, List.copyOf(signatures));
    }

    private static long timestamp(String value) throws Malformed {
        if (value.isEmpty() || value.length() > MAX_TIMESTAMP_DIGITS || !value.chars().allMatch(Character::isDigit)) {
            throw new Malformed("malformed signature header: t must be Unix seconds");
        }
        return Long.parseLong(value);
    }

    private static byte[] signature(String value) throws Malformed {
        if (value.length() != SHA256_HEX) {
            throw new Malformed("malformed signature header: v1 must be 64 hex digits");
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new Malformed("malformed signature header: v1 must be 64 hex digits");
        }
    }

    /** The header cannot be read; the message says why and is safe to answer. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
