package io.accessproof.bench;

import io.accessproof.activities.events.EventParser;
import io.accessproof.activities.events.InvalidEventException;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.intake.EventStore;
import io.accessproof.server.intake.SignatureVerifier;
import io.accessproof.store.events.StoredEvent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jdbi.v3.core.JdbiException;

/**
 * The lower rungs of the ladder, served by the same Jetty and Jersey as the real intake:
 * a bare 200, then + signature verification and parse, then + the durable insert of the same row
 * through the same DAO (into a database of its own, so no outbox picks it up).
 */
@Path("/bench")
@Produces(MediaType.APPLICATION_JSON)
public final class RungsResource {
    private final SignatureVerifier verifier;
    private final EventParser parser;
    private final EventStore insertOnly;
    private final EventStore grouped;

    RungsResource(SignatureVerifier verifier, EventParser parser, EventStore insertOnly, EventStore grouped) {
        this.verifier = verifier;
        this.parser = parser;
        this.insertOnly = insertOnly;
        this.grouped = grouped;
    }

    @POST
    @Path("ok")
    @Consumes(MediaType.WILDCARD)
    public Response ok(InputStream body) throws IOException {
        body.readAllBytes();
        return Response.ok(Map.of("received", true)).build();
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.WILDCARD)
    public Response verify(@HeaderParam("Stripe-Signature") String signature, InputStream body) throws IOException {
        Object verified = verifyAndParse(signature, body.readAllBytes());
        return verified instanceof StoredEvent e ? answer(e) : (Response) verified;
    }

    @POST
    @Path("insert")
    @Consumes(MediaType.WILDCARD)
    public Response insert(@HeaderParam("Stripe-Signature") String signature, InputStream body) throws IOException {
        return store(insertOnly, signature, body);
    }

    @POST
    @Path("insert-grouped")
    @Consumes(MediaType.WILDCARD)
    public Response insertGrouped(@HeaderParam("Stripe-Signature") String signature, InputStream body)
            throws IOException {
        return store(grouped, signature, body);
    }

    private Response store(EventStore store, String signature, InputStream body) throws IOException {
        Object verified = verifyAndParse(signature, body.readAllBytes());
        if (!(verified instanceof StoredEvent event)) {
            return (Response) verified;
        }
        try {
            store.store(event);
        } catch (JdbiException e) {
            return ApiError.response(503, "event store unavailable; retry later");
        }
        return answer(event);
    }

    /** The parsed event, or the 400 to answer. */
    private Object verifyAndParse(String signature, byte[] raw) {
        String payload = new String(raw, StandardCharsets.UTF_8);
        String refusal = verifier.refusal(signature, payload);
        if (refusal != null) {
            return ApiError.response(400, refusal);
        }
        try {
            return parser.parse(payload, raw, "webhook");
        } catch (InvalidEventException e) {
            return ApiError.response(400, e.getMessage());
        }
    }

    private static Response answer(StoredEvent event) {
        return Response.ok(Map.of("received", true, "event_id", event.eventId())).build();
    }
}
