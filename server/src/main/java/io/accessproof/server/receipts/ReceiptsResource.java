package io.accessproof.server.receipts;

import io.accessproof.server.api.ApiError;
import io.accessproof.server.intake.BoundedBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /receipts}: the app says what it did for a Stripe event. 200 with the run's state when
 * the run accepted it; 202 when it waits for a Stripe event accessproof has not received; 401 unsigned or
 * wrongly signed; 403 when its app may not speak for the event's type or customer; 409 when it contradicts
 * the run; 422 when it is malformed (the message names the field); 429 when its app sends too many receipts
 * for unseen events; 503 when it could not be handed over (retry). Nothing is recorded unless the answer
 * is 200 or 202.
 */
@Path("/receipts")
@Produces(MediaType.APPLICATION_JSON)
public final class ReceiptsResource {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptsResource.class);
    private static final long MAX_BODY = 64 * 1024;

    private final ReceiptAuthenticator authenticator;
    private final ReceiptIntake intake;
    private final Clock clock;

    ReceiptsResource(ReceiptAuthenticator authenticator, ReceiptIntake intake, Clock clock) {
        this.authenticator = authenticator;
        this.intake = intake;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@HeaderParam("Accessproof-Signature") String signature,
                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            InputStream in) throws IOException {
        if (contentType == null || !contentType.toLowerCase().startsWith(MediaType.APPLICATION_JSON)) {
            return refuse(415, "content type must be application/json");
        }
        byte[] raw;
        try {
            raw = BoundedBody.read(in, MAX_BODY);
        } catch (BoundedBody.TooSlow e) {
            return refuse(408, e.getMessage());
        }
        if (raw == null) {
            return refuse(413, "receipt is larger than " + MAX_BODY + " bytes");
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        ReceiptAuthenticator.Verdict verdict = authenticator.verdict(signature, authorization, body);
        if (verdict.app() == null) {
            return refuse(401, verdict.refusal());
        }
        try {
            ReceiptIntake.Reply reply = intake.take(verdict.app(), ReceiptBody.parse(body, clock.millis()), body);
            Response.ResponseBuilder answer = Response.status(reply.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(reply.body());
            if (reply.retryAfterSeconds() > 0) {
                answer.header("Retry-After", reply.retryAfterSeconds());
            }
            return answer.build();
        } catch (InvalidReceiptException e) {
            return refuse(422, e.getMessage());
        }
    }

    private static Response refuse(int status, String reason) {
        LOG.info("refused receipt ({}): {}", status, reason);
        return ApiError.response(status, reason);
    }
}
