package io.accessproof.activities.notify;

import com.stripe.net.Webhook;
import io.accessproof.store.Json;
import java.io.IOException;
import java.net.URI;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * POSTs the incident as JSON, signed like receipts and Stripe webhooks:
 * {@code Accessproof-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>}.
 */
public final class WebhookSink extends HttpSink {
    public static final String SIGNATURE_HEADER = "Accessproof-Signature";

    private final String secret;

    public WebhookSink(SinkSpec spec, URI url, String secret, JsonPost post) {
        super(spec, url, post);
        this.secret = secret;
    }

    @Override
    public Integer send(Notice notice) throws IOException, InterruptedException {
        String body = Json.write(IncidentJson.event(notice));
        long t = notice.at().getEpochSecond();
        return post(body, Map.of(SIGNATURE_HEADER, signature(secret, t, body)));
    }

    static String signature(String secret, long t, String body) {
        try {
            return "t=" + t + ",v1=" + Webhook.Util.computeHmacSha256(secret, t + "." + body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
