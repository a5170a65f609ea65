package io.accessproof.server.intake;

import io.accessproof.server.tracing.Tracing;
import io.accessproof.store.events.PendingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * The outbox's hand-over inside a span of the event's own trace (continued from the {@code traceparent} stored
 * with it), so Temporal's client interceptor starts the run's workflow as part of that trace.
 */
public final class TracedHandOver implements RunHandOver {
    private final RunHandOver runs;
    private final Tracing tracing;

    public TracedHandOver(RunHandOver runs, Tracing tracing) {
        this.runs = runs;
        this.tracing = tracing;
    }

    @Override
    public void startOnce(PendingEvent event) {
        traced("outbox.dispatch", event, () -> runs.startOnce(event));
    }

    @Override
    public void closeUntracked(PendingEvent event) {
        traced("outbox.close_untracked", event, () -> runs.closeUntracked(event));
    }

    private void traced(String name, PendingEvent event, Runnable handOver) {
        Span span = tracing.tracer().spanBuilder(name).setParent(tracing.continuing(event.traceparent()))
                .setAttribute("stripe.event_id", event.eventId())
                .setAttribute("stripe.event_type", event.type())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            handOver.run();
        } catch (RuntimeException refused) {
            span.setStatus(StatusCode.ERROR, refused.getClass().getSimpleName());
            throw refused;
        } finally {
            span.end();
        }
    }
}
