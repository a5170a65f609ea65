package io.accessproof.server.sweep;

import com.codahale.metrics.CachedGauge;
import io.accessproof.activities.reconcile.StripeKeys;
import io.accessproof.server.intake.StripeConfig;
import io.accessproof.store.operators.AuditLog;
import io.accessproof.store.sweeps.SweepDao;
import io.dropwizard.core.setup.Environment;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** Wires the missed-event sweep: the periodic workflow, {@code /api/sweeps}, and {@code sweep.lag_seconds}. */
public final class Sweeps {
    private Sweeps() {
    }

    public static void register(SweepConfig config, StripeConfig stripe, Jdbi jdbi, WorkflowClient temporal,
                                AuditLog audit, Environment environment) {
        if (config.enabled) {
            environment.lifecycle().manage(config.starter(temporal, stripe.runEventTypes));
        }
        environment.jersey().register(new SweepsResource(jdbi, temporal, config, stripe.runEventTypes, audit,
                Clock.systemUTC()));
        String mode = StripeKeys.modeOf(stripe.apiKey);
        SweepDao sweeps = jdbi.onDemand(SweepDao.class);
        // How far behind now the periodic sweep has listed Stripe's events; -1 before its first pass.
        environment.metrics().register("sweep.lag_seconds", new CachedGauge<Long>(10, TimeUnit.SECONDS) {
            @Override
            protected Long loadValue() {
                return sweeps.cursor(mode).map(upto -> Duration.between(upto, Instant.now()).toSeconds()).orElse(-1L);
            }
        });
    }
}
