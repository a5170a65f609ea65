package io.accessproof.server.health;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.incidents.IncidentDao;
import io.accessproof.store.runs.SummaryDao;
import io.accessproof.workflows.model.IncidentKind;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The gauges an operator watches beside the health checks: the outbox and the incidents that matter. */
public final class ServiceGauges {
    private ServiceGauges() {
    }

    public static void register(MetricRegistry metrics, StripeEventDao events, IncidentDao incidents,
                                SummaryDao runs) {
        outbox(metrics, events);
        incidents(metrics, incidents);
        verdicts(metrics, runs);
    }

    /**
     * {@code runs.oldest_unverified_seconds}: how long the oldest run without a verdict has run (alert past its
     * deadline); {@code runs.proven_share}: runs proven on time among those proven or escalated (1 before any).
     */
    private static void verdicts(MetricRegistry metrics, SummaryDao runs) {
        metrics.register("runs.oldest_unverified_seconds", new CachedGauge<Long>(15, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return runs.oldestUnverifiedSeconds();
            }
        });
        metrics.register("runs.proven_share", new CachedGauge<Double>(15, TimeUnit.SECONDS) {
            @Override
            protected Double loadValue() {
                Double share = runs.verdicts().provenShare();
                return share == null ? 1.0 : share;
            }
        });
    }

    /**
     * {@code outbox.depth}: events waiting to start their run; {@code outbox.lag_ms}: how long the oldest has;
     * {@code outbox.quarantined}: events Temporal refused until the outbox stopped trying (each one is a run
     * that never started: alert on any).
     */
    private static void outbox(MetricRegistry metrics, StripeEventDao events) {
        metrics.register("outbox.depth", (Gauge<Long>) events::outboxDepth);
        metrics.register("outbox.quarantined", new CachedGauge<Long>(10, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return events.quarantinedCount();
            }
        });
        metrics.register("outbox.lag_ms", (Gauge<Long>) () -> events.oldestPending()
                .map(oldest -> Duration.between(oldest, Instant.now()).toMillis())
                .orElse(0L));
    }

    /**
     * {@code runs.cannot_verify.<kind>}: open incidents that say accessproof could not check, per kind;
     * {@code incidents.false_alarms_30d}: incidents operators resolved as false alarms in the last 30 days.
     */
    private static void incidents(MetricRegistry metrics, IncidentDao incidents) {
        metrics.register("incidents.false_alarms_30d", new CachedGauge<Long>(1, TimeUnit.MINUTES) {
            @Override
            protected Long loadValue() {
                return incidents.falseAlarmsLast30Days();
            }
        });
        for (IncidentKind kind : IncidentKind.values()) {
            if (kind.cannotVerify()) {
                metrics.register("runs.cannot_verify." + kind.wire(), new CachedGauge<Long>(10, TimeUnit.SECONDS) {
                    @Override
                    protected Long loadValue() {
                        return incidents.openOfKind(kind.wire());
                    }
                });
            }
        }
    }
}
