package io.accessproof.server.tracing;

import io.dropwizard.lifecycle.Managed;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry for accessproof: one trace per Stripe event, from the webhook through the outbox to the run's
 * workflow and its activities (Temporal's OpenTracing interceptors, bridged by the OpenTracing shim). Spans carry
 * ids and types only. {@link #OFF} costs nothing: no SDK, no exporter, no interceptor.
 */
public final class Tracing implements Managed {
    public static final Tracing OFF = new Tracing(OpenTelemetry.noop(), null);
    private static final String INSTRUMENTATION = "io.accessproof";
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final SdkTracerProvider provider;

    private Tracing(OpenTelemetry openTelemetry, SdkTracerProvider provider) {
        this.openTelemetry = openTelemetry;
        this.provider = provider;
    }

    static Tracing otlp(String endpoint, String serviceName) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), serviceName))))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build())
                        .setScheduleDelay(Duration.ofMillis(500))
                        .build())
                .build();
        return new Tracing(OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build(), provider);
    }

    public boolean on() {
        return provider != null;
    }

    public Tracer tracer() {
        return openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** The W3C {@code traceparent} of the current span, to store beside an event; null when tracing is off. */
    public String traceparent() {
        if (!on()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /** The context a stored {@code traceparent} names, to continue its trace; the current one when there is none. */
    public Context continuing(String traceparent) {
        if (!on() || traceparent == null) {
            return Context.current();
        }
        return openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), Map.of("traceparent", traceparent), MAP);
    }

    /** Temporal's client interceptors: none when off. */
    public OpenTracingClientInterceptor[] clientInterceptors() {
        return on() ? new OpenTracingClientInterceptor[] {new OpenTracingClientInterceptor(temporalOptions())}
                : new OpenTracingClientInterceptor[0];
    }

    /** Temporal's worker interceptors: none when off. */
    public OpenTracingWorkerInterceptor[] workerInterceptors() {
        return on() ? new OpenTracingWorkerInterceptor[] {new OpenTracingWorkerInterceptor(temporalOptions())}
                : new OpenTracingWorkerInterceptor[0];
    }

    private OpenTracingOptions temporalOptions() {
        return OpenTracingOptions.newBuilder().setTracer(OpenTracingShim.createTracerShim(openTelemetry)).build();
    }

    @Override
    public void stop() {
        if (provider != null) {
            provider.forceFlush().join(5, TimeUnit.SECONDS);
            provider.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
