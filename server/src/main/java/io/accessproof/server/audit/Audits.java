package io.accessproof.server.audit;

import io.accessproof.store.audits.AuditDao;
import io.accessproof.store.operators.AuditLog;
import io.dropwizard.core.setup.Environment;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires drift audits: {@code /api/audits}, the resumer that also starts scheduled audits, the drift gauges. */
public final class Audits {
    private Audits() {
    }

    public static void register(AuditConfig config, Jdbi jdbi, WorkflowClient temporal, AuditLog audit,
                                Environment environment) {
        AuditStarter starter = new AuditStarter(jdbi, temporal);
        environment.jersey().register(new AuditsResource(jdbi.onDemand(AuditDao.class), starter, audit));
        environment.lifecycle().manage(new AuditResumer(jdbi, starter, config, Clock.systemUTC()));
        DriftGauges.register(environment.metrics(), jdbi.onDemand(AuditDao.class), Clock.systemUTC());
    }
}
