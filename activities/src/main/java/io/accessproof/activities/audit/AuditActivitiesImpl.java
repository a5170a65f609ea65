package io.accessproof.activities.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import io.accessproof.activities.incidents.IncidentActivitiesImpl;
import io.accessproof.activities.probes.Probe;
import io.accessproof.activities.reconcile.CustomerSubscriptions;
import io.accessproof.activities.reconcile.PastDuePolicy;
import io.accessproof.activities.reconcile.PlanOrder;
import io.accessproof.activities.reconcile.StripeRateLimiter;
import io.accessproof.activities.reconcile.StripeReader;
import io.accessproof.store.audits.AuditDao;
import io.accessproof.workflows.audit.AuditActivities;
import io.accessproof.workflows.audit.AuditInput;
import io.accessproof.workflows.audit.AuditPage;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentResolution;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A page of a drift audit: up to a hundred of Stripe's customers, each judged and probed. */
public final class AuditActivitiesImpl implements AuditActivities {
    private static final Logger LOG = LoggerFactory.getLogger(AuditActivitiesImpl.class);
    static final int PAGE_SIZE = 100;

    private final Jdbi jdbi;
    private final StripeClient stripe;
    private final StripeRateLimiter limiter;
    private final CustomerSubscriptions subscriptions;
    private final PlanOrder order;
    private final PastDuePolicy pastDue;
    private final Probe probe;
    private final IncidentActivitiesImpl incidents;
    private final String keyMode;
    private final Clock clock;
    private final ExecutorService customers;

    /** @param probeConcurrency customers of a page judged and probed at once */
    public AuditActivitiesImpl(Jdbi jdbi, StripeClient stripe, StripeRateLimiter limiter,
                               CustomerSubscriptions subscriptions, PlanOrder order, PastDuePolicy pastDue, Probe probe,
                               IncidentActivitiesImpl incidents, String keyMode, Clock clock, int probeConcurrency) {
        this.jdbi = jdbi;
        this.stripe = stripe;
        this.limiter = limiter;
        this.subscriptions = subscriptions;
        this.order = order;
        this.pastDue = pastDue;
        this.probe = probe;
        this.incidents = incidents;
        this.keyMode = keyMode;
        this.clock = clock;
        this.customers = Executors.newFixedThreadPool(probeConcurrency, runnable -> {
            Thread thread = new Thread(runnable, "audit-customer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public AuditPage nextPage(AuditInput input) {
        AuditDao audits = jdbi.onDemand(AuditDao.class);
        if (!"running".equals(audits.status(input.auditId()).orElse(null))) {
            return new AuditPage(false, true, List.of());
        }
        String from = audits.cursor(input.auditId());
        StripeReader reader = new StripeReader(stripe, limiter, null, keyMode, null);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("limit", PAGE_SIZE);
        if (from != null) {
            query.put("starting_after", from);
        }
        JsonNode page = reader.get("/v1/customers", query, "the customer list");
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(customer -> ids.add(customer.path("id").asText()));
        List<CustomerAudit> found = judge(reader, ids, clock.instant());
        Activity.getExecutionContext().heartbeat(ids.size());
        String next = ids.isEmpty() ? from : ids.get(ids.size() - 1);
        boolean applied = jdbi.inTransaction(h -> record(h.attach(AuditDao.class), input.auditId(), from, next, found));
        List<IncidentOpenedNotice> opened = applied && !input.dryRun() ? act(input.auditId(), found) : List.of();
        boolean finished = !page.path("has_more").asBoolean(false) || ids.isEmpty();
        return new AuditPage(finished, !applied && !"running".equals(audits.status(input.auditId()).orElse(null)),
                opened);
    }

    @Override
    public void finish(String auditId) {
        jdbi.useExtension(AuditDao.class, dao -> dao.finish(auditId));
        LOG.info("audit {} done", auditId);
    }

    /** Judges the page's customers, a few at a time; a retryable Stripe failure fails the page (retried whole). */
    private List<CustomerAudit> judge(StripeReader reader, List<String> ids, Instant version) {
        List<CompletableFuture<CustomerAudit>> each = ids.stream().map(id -> CompletableFuture.supplyAsync(
                () -> CustomerAudit.of(id, reader, subscriptions, version, order, pastDue, probe), customers)).toList();
        List<CustomerAudit> found = new ArrayList<>();
        for (CompletableFuture<CustomerAudit> one : each) {
            try {
                found.add(one.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof ApplicationFailure failure ? failure : e;
            }
        }
        return found;
    }

    private static boolean record(AuditDao audits, String auditId, String from, String next, List<CustomerAudit> found) {
        int[] counts = new int[Finding.values().length];
        found.forEach(f -> counts[f.finding().ordinal()]++);
        boolean applied = audits.advance(auditId, from, next, found.size(),
                found.size() - counts[Finding.NOTHING_TO_ASSERT.ordinal()], counts[Finding.RIGHT.ordinal()],
                counts[Finding.PAID_NO_ACCESS.ordinal()], counts[Finding.ACCESS_NOT_PAID.ordinal()],
                counts[Finding.APP_UNREACHABLE.ordinal()], counts[Finding.CANNOT_VERIFY.ordinal()]);
        if (applied) {
            List<CustomerAudit> kept = found.stream().filter(f -> f.finding() != Finding.NOTHING_TO_ASSERT).toList();
            audits.record(auditId, kept.stream().map(CustomerAudit::customerId).toList(),
                    kept.stream().map(f -> f.finding().wire()).toList(), kept.stream().map(CustomerAudit::detail).toList());
        }
        return applied;
    }

    /** Opens a drift incident per wrong customer (one open per customer) and resolves the right ones'. */
    private List<IncidentOpenedNotice> act(String auditId, List<CustomerAudit> found) {
        long now = clock.millis();
        List<IncidentOpenedNotice> opened = new ArrayList<>();
        for (CustomerAudit f : found) {
            if (f.finding().wrong()) {
                String incidentId = incidents.open(f.incident(auditId, now));
                opened.add(new IncidentOpenedNotice(incidentId, CustomerAudit.driftEventId(f.customerId()),
                        "live".equals(keyMode), now));
            } else if (f.finding() == Finding.RIGHT) {
                incidents.resolve(new IncidentResolution(CustomerAudit.driftEventId(f.customerId()), "audit",
                        "audit " + auditId + " found the customer right", now));
            }
        }
        return opened;
    }
}
