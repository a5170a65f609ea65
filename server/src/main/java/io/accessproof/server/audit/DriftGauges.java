package io.accessproof.server.audit;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.accessproof.store.audits.AuditDao;
import io.accessproof.store.audits.AuditRow;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The drift counts of the audit that finished last ({@code audit.paid_no_access}, {@code audit.access_not_paid},
 * {@code audit.app_unreachable}, {@code audit.cannot_verify}) and its age ({@code audit.age_seconds}); every
 * gauge is -1 before the first audit has finished. One read of PostgreSQL a minute serves them all.
 */
final class DriftGauges {
    private DriftGauges() {
    }

    static void register(MetricRegistry metrics, AuditDao audits, Clock clock) {
        CachedGauge<Optional<AuditRow>> latest = new CachedGauge<>(1, TimeUnit.MINUTES) {
            @Override
            protected Optional<AuditRow> loadValue() {
                return audits.latestFinished();
            }
        };
        count(metrics, "audit.paid_no_access", latest, AuditRow::paidNoAccess);
        count(metrics, "audit.access_not_paid", latest, AuditRow::accessNotPaid);
        count(metrics, "audit.app_unreachable", latest, AuditRow::appUnreachable);
        count(metrics, "audit.cannot_verify", latest, AuditRow::cannotVerify);
        count(metrics, "audit.age_seconds", latest,
                row -> Duration.between(row.finishedAt(), clock.instant()).toSeconds());
    }

    private static void count(MetricRegistry metrics, String name, Gauge<Optional<AuditRow>> latest,
                              ToLongFunction<AuditRow> value) {
        metrics.register(name, (Gauge<Long>) () -> latest.getValue().map(value::applyAsLong).orElse(-1L));
    }
}
