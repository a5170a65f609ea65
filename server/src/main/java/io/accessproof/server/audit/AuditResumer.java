package io.accessproof.server.audit;

import io.accessproof.store.audits.AuditDao;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every period, on every replica: the workflow of each running audit is started with "use existing" (a
 * Temporal that lost it, after a kill -9 of an in-memory one, resumes it from its cursor), and a scheduled
 * audit is created when one is due (its id names the period, so one replica creates it).
 */
public final class AuditResumer implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(AuditResumer.class);

    private final Jdbi jdbi;
    private final AuditStarter starter;
    private final AuditConfig config;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public AuditResumer(Jdbi jdbi, AuditStarter starter, AuditConfig config, Clock clock) {
        this.jdbi = jdbi;
        this.starter = starter;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-resumer");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.resumeEvery.toMilliseconds();
        scheduler.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    void tick() {
        try {
            scheduleIfDue();
            running().forEach((auditId, dryRun) -> starter.run(auditId, dryRun));
        } catch (RuntimeException e) {
            LOG.warn("audits not resumed this time ({}); trying again in {}", e.getMessage(), config.resumeEvery);
        }
    }

    private void scheduleIfDue() {
        Duration every = config.every.toJavaDuration();
        if (every.isZero()) {
            return;
        }
        String auditId = "scheduled-" + clock.millis() / every.toMillis();
        jdbi.useExtension(AuditDao.class, dao -> dao.create(auditId, false, true));
    }

    private Map<String, Boolean> running() {
        Map<String, Boolean> running = new LinkedHashMap<>();
        jdbi.withExtension(AuditDao.class, AuditDao::running).forEach(row -> running.put(row.auditId(), row.dryRun()));
        return running;
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
