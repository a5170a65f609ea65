package io.accessproof.devkit.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe's webhook signature scheme: {@code t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. */
public final class Signer {
    private Signer() {
    }

    public static String hmacSha256Hex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One {@code v1=} per secret, so a receiver holding either side of a rolled secret verifies. */
    public static String header(long timestamp, String payload, List<String> secrets) {
        StringBuilder sb = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            sb.append(",v1=").append(hmacSha256Hex(secret, timestamp + "." + payload));
        }
        return sb.toString();
    }

    /** Constant-time check of a {@code t=…,v1=…} header against one secret, within a tolerance. */
    public static boolean verify(String header, String payload, String secret, long nowSeconds, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        long t = -1;
        java.util.ArrayList<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv[0].equals("v1")) {
                signatures.add(kv[1]);
            }
        }
        if (t < 0 || Math.abs(nowSeconds - t) > toleranceSeconds) {
            return false;
        }
        byte[] expected = hmacSha256Hex(secret, t + "." + payload).getBytes(StandardCharsets.UTF_8);
        for (String signature : signatures) {
            if (java.security.MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
