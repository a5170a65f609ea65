package io.accessproof.server.receipts;

import io.accessproof.server.api.ReceiptApp;
import io.accessproof.server.intake.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which app a receipt comes from: the one whose receipt secret made its {@code Accessproof-Signature}
 * (same scheme and tolerance as Stripe's), or, only where the app has tokens, whose bearer token it carries.
 */
final class ReceiptAuthenticator {
    private static final String BEARER = "Bearer ";

    /** The app that sent the receipt, or (app null) why it is refused. */
    record Verdict(ReceiptApp app, String refusal) {
    }

    private record Signer(ReceiptApp app, SignatureVerifier verifier) {
    }

    private final List<Signer> signers = new ArrayList<>();
    private final List<ReceiptApp> apps;

    ReceiptAuthenticator(List<ReceiptApp> apps, Duration tolerance, Clock clock) {
        this.apps = List.copyOf(apps);
        for (ReceiptApp app : apps) {
            if (!app.secrets.isEmpty()) {
                signers.add(new Signer(app, new SignatureVerifier(app.secrets, tolerance, clock)));
            }
        }
    }

    Verdict verdict(String signature, String authorization, String body) {
        if (signature == null && authorization != null && apps.stream().anyMatch(a -> !a.tokens.isEmpty())) {
            ReceiptApp app = tokenOwner(authorization);
            return app != null ? new Verdict(app, null) : new Verdict(null, "unknown bearer token");
        }
        if (signature == null) {
            return new Verdict(null, "missing Accessproof-Signature header");
        }
        String refusal = SignatureVerifier.NO_VALID_SIGNATURE;
        for (Signer signer : signers) {
            String why = signer.verifier().refusal(signature, body);
            if (why == null) {
                return new Verdict(signer.app(), null);
            }
            if (!SignatureVerifier.NO_VALID_SIGNATURE.equals(why)) {
                refusal = why; // malformed header, or this app's signature outside the tolerance
            }
        }
        return new Verdict(null, refusal);
    }

    private ReceiptApp tokenOwner(String authorization) {
        if (!authorization.startsWith(BEARER)) {
            return null;
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        ReceiptApp owner = null;
        for (ReceiptApp app : apps) {
            for (String token : app.tokens) {
                if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented)) {
                    owner = app;
                }
            }
        }
        return owner;
    }
}
