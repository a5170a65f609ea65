package io.accessproof.server.intake;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.accessproof.activities.events.EventParser;
import io.accessproof.activities.events.InvalidEventException;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.tracing.Tracing;
import io.accessproof.store.events.StoredEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
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
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/stripe}: a 2xx means the event is durably stored and will get exactly one run;
 * any other answer means Stripe must try again (5xx) or the request was wrong (4xx, nothing stored).
 */
@Path("/webhooks/stripe")
@Produces(MediaType.APPLICATION_JSON)
public final class StripeWebhookResource {
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookResource.class);

    private final SignatureVerifier verifier;
    private final EventParser parser;
    private final EventStore events;
    private final StripeConfig config;
    private final IntakeMetrics metrics;
    private final Runnable onAccepted;
    private final Tracing tracing;

    /** @param onAccepted called after a new event is committed (wakes the outbox dispatcher) */
    /** The answer to Stripe: stored now, or a duplicate of a stored event; ignored types start no run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Received(boolean received, String eventId, boolean duplicate, boolean ignored) {
    }

    /** @param tracing the span of each stored event starts its trace; its context is stored with the event */
    public StripeWebhookResource(SignatureVerifier verifier, EventParser parser, EventStore events,
                                 StripeConfig config, IntakeMetrics metrics, Runnable onAccepted, Tracing tracing) {
        this.tracing = tracing;
        this.verifier = verifier;
        this.parser = parser;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
        this.onAccepted = onAccepted;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@HeaderParam("Stripe-Signature") String signature,
                            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                            InputStream body) throws IOException {
        if (contentType == null || !contentType.toLowerCase().startsWith(MediaType.APPLICATION_JSON)) {
            return reject(415, "content type must be application/json");
        }
        if (signature == null || signature.isBlank()) {
            return reject(400, "missing Stripe-Signature header");
        }
        long limit = config.maxBodySize.toBytes();
        byte[] raw;
        try {
            raw = contentLength != null && contentLength > limit ? null : BoundedBody.read(body, limit);
        } catch (BoundedBody.TooSlow e) {
            return reject(408, e.getMessage());
        }
        if (raw == null) {
            return reject(413, "body is larger than " + limit + " bytes");
        }
        String payload = new String(raw, StandardCharsets.UTF_8);
        String refusal = verifier.refusal(signature, payload);
        if (refusal != null) {
            return reject(400, refusal);
        }
        StoredEvent event;
        try {
            event = parser.parse(payload, raw, "webhook");
        } catch (InvalidEventException e) {
            return reject(400, e.getMessage());
        }
        if (event.livemode() ? !config.acceptLivemode : !config.acceptTestmode) {
            return reject(400, (event.livemode() ? "live" : "test") + "-mode events are not accepted by this endpoint");
        }
        return traced(event);
    }

    /** Ids and types only on the span: the body and its customer's details stay out of traces. */
    private Response traced(StoredEvent event) {
        Span span = tracing.tracer().spanBuilder("stripe.webhook").setSpanKind(SpanKind.SERVER)
                .setAttribute("stripe.event_id", event.eventId())
                .setAttribute("stripe.event_type", event.type())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            Response response = store(tracing.on() ? event.withTraceparent(tracing.traceparent()) : event);
            span.setAttribute("http.response.status_code", response.getStatus());
            return response;
        } finally {
            span.end();
        }
    }

    private Response store(StoredEvent event) {
        boolean inserted;
        try {
            inserted = events.store(event);
        } catch (JdbiException e) {
            metrics.storeUnavailable();
            LOG.warn("event {} ({}) not stored, answering 503: {}", event.eventId(), event.type(), e.getMessage());
            return ApiError.response(503, "event store unavailable; retry later");
        }
        if (inserted) {
            metrics.accepted();
            LOG.info("accepted event {} ({}){}", event.eventId(), event.type(), event.ignored() ? ", ignored type" : "");
            if (!event.ignored()) {
                onAccepted.run();
            }
        } else {
            metrics.duplicate();
            LOG.info("duplicate delivery of event {} ({})", event.eventId(), event.type());
        }
        return Response.ok(new Received(true, event.eventId(), !inserted, event.ignored())).build();
    }

    private Response reject(int status, String reason) {
        metrics.rejected(reason);
        LOG.info("rejected webhook ({}): {}", status, reason);
        return ApiError.response(status, reason);
    }
}
