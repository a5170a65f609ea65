package io.accessproof.server.receipts;

import io.accessproof.server.intake.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Decides whether a receipt comes from an app: an {@code Accessproof-Signature} made with one of the
 * apps' receipt secrets (same scheme and tolerance as Stripe's), or, only where configured, a bearer token.
 */
final class ReceiptAuthenticator {
    private static final String BEARER = "Bearer ";

    private final SignatureVerifier signatures;
    private final List<byte[]> tokens;

    ReceiptAuthenticator(SignatureVerifier signatures, List<String> tokens) {
        this.signatures = signatures;
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Returns null when the receipt is authentic, else why not. */
    String refusal(String signature, String authorization, String body) {
        if (signature == null && authorization != null && !tokens.isEmpty()) {
            return tokenAccepted(authorization) ? null : "unknown bearer token";
        }
        if (signature == null) {
            return "missing Accessproof-Signature header";
        }
        return signatures.refusal(signature, body);
    }

    private boolean tokenAccepted(String authorization) {
        if (!authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean accepted = false;
        for (byte[] token : tokens) {
            accepted |= MessageDigest.isEqual(token, presented);
        }
        return accepted;
    }
}
