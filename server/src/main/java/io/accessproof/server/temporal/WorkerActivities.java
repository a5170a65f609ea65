package io.accessproof.server.temporal;

import com.codahale.metrics.Counter;
import io.accessproof.activities.audit.AuditActivitiesImpl;
import io.accessproof.activities.events.EventParser;
import io.accessproof.activities.incidents.IncidentActivitiesImpl;
import io.accessproof.activities.incidents.IncidentLinks;
import io.accessproof.activities.notify.JsonPost;
import io.accessproof.activities.notify.NotificationActivitiesImpl;
import io.accessproof.activities.operators.OperatorActivitiesImpl;
import io.accessproof.activities.probes.EntitlementActivitiesImpl;
import io.accessproof.activities.probes.Probe;
import io.accessproof.activities.reconcile.CustomerSubscriptions;
import io.accessproof.activities.reconcile.PastDuePolicy;
import io.accessproof.activities.reconcile.PlanMapping;
import io.accessproof.activities.reconcile.PlanOnlyReconcile;
import io.accessproof.activities.reconcile.PlanOrder;
import io.accessproof.activities.reconcile.ReconcileActivitiesImpl;
import io.accessproof.activities.reconcile.StripeKeyCheck;
import io.accessproof.activities.reconcile.StripeKeys;
import io.accessproof.activities.reconcile.StripeRateLimiter;
import io.accessproof.activities.retention.RetentionActivitiesImpl;
import io.accessproof.activities.runs.RunStoreActivitiesImpl;
import io.accessproof.activities.sweep.SweepActivitiesImpl;
import io.accessproof.activities.watchdog.WatchdogActivitiesImpl;
import io.accessproof.server.database.Database;
import io.accessproof.server.incidents.NotificationsConfig;
import io.accessproof.server.metrics.ProofMetrics;
import io.accessproof.server.intake.StripeConfig;
import io.accessproof.server.runs.ProvingConfig;
import io.accessproof.store.Json;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.accessproof.workflows.outcome.ReconcileActivities;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Builds the activity implementations the worker registers, each with its collaborators. */
public final class WorkerActivities {
    private WorkerActivities() {
    }

    /**
     * The activities by the task queue that runs them.
     *
     * @param reconcile the Stripe reads, for {@code TaskQueues.STRIPE}
     * @param others the rest, for the outcome task queue
     * @param stripeSlots concurrent reconciles per worker: about a second of the Stripe budget, so that
     *     reconciles wait in the task queue rather than on the rate limiter, inside a slot
     */
    public record ByQueue(Object reconcile, List<Object> others, int stripeSlots) {

        /** With activities built elsewhere (those that act through the operator API's own services). */
        public ByQueue with(Object... more) {
            List<Object> all = new ArrayList<>(others);
            all.addAll(List.of(more));
            return new ByQueue(reconcile, all, stripeSlots);
        }
    }

    /**
     * @param authFailures {@code stripe.auth_failures}: every 401 Stripe answers a read
     * @param permits      {@code stripe.permits}: every read the budget let through (its rate over
     *                     {@code stripe.budget_per_second} is the share of the budget in use)
     */
    public record StripeCounters(Counter authFailures, Counter permits) {
    }

    /**
     * What the worker's activities read of the configuration.
     *
     * @param auditProbeConcurrency customers a drift audit probes at once ({@code audit.probeConcurrency})
     */
    public record Settings(StripeConfig stripe, ProvingConfig proving, IncidentLinks links, int auditProbeConcurrency,
                           ProofMetrics metrics) {
    }

    /**
     * @param stripeCounters what the Stripe reads count
     * @param sweepFound   the {@code sweep.found} counter: events the missed-event sweep found never delivered
     */
    public static ByQueue build(Settings settings, Database database, TemporalConnection temporal, Probe probe,
                                NotificationActivities notifications, StripeCounters stripeCounters,
                                Counter sweepFound) {
        StripeConfig stripe = settings.stripe();
        ProvingConfig proving = settings.proving();
        Jdbi jdbi = database.workerJdbi();
        PlanMapping planMapping = new PlanMapping(proving.planMapping, proving.planMapping);
        ReconcileActivities reconcile = new ReconcileActivitiesImpl(stripe.buildClient(), jdbi, planMapping,
                PastDuePolicy.of(proving.pastDueGrantsAccess),
                rateLimiter(stripe, jdbi, stripeCounters),
                stripe.coalesceReadsWithin.toJavaDuration(), Clock.systemUTC(),
                StripeKeys.modeOf(stripe.apiKey), new PlanOrder(proving.plans));
        IncidentActivitiesImpl incidents = new IncidentActivitiesImpl(jdbi, settings.links(),
                settings.metrics()::incidentOpened);
        return new ByQueue(readsFeatures(proving) ? reconcile : new PlanOnlyReconcile(reconcile),
                List.of(new EntitlementActivitiesImpl(probe),
                        new RunStoreActivitiesImpl(jdbi, settings.metrics()),
                        incidents,
                        notifications,
                        new WatchdogActivitiesImpl(jdbi, temporal.service(), temporal.namespace(), incidents,
                                Clock.systemUTC()),
                        new RetentionActivitiesImpl(jdbi),
                        new OperatorActivitiesImpl(jdbi, Clock.systemUTC()),
                        new SweepActivitiesImpl(jdbi, stripe.buildClient(),
                                rateLimiter(stripe, jdbi, stripeCounters),
                                new EventParser(Json.MAPPER, stripe.runEventTypes),
                                StripeKeys.modeOf(stripe.apiKey), Clock.systemUTC(), sweepFound::inc),
                        new AuditActivitiesImpl(jdbi, stripe.buildClient(),
                                rateLimiter(stripe, jdbi, stripeCounters),
                                new CustomerSubscriptions(jdbi, planMapping, Clock.systemUTC()),
                                new PlanOrder(proving.plans), PastDuePolicy.of(proving.pastDueGrantsAccess), probe,
                                incidents, StripeKeys.modeOf(stripe.apiKey), Clock.systemUTC(),
                                settings.auditProbeConcurrency())),
                (int) Math.max(1, Math.ceil(stripe.apiRequestsPerSecond)));
    }

    /**
     * The sinks of {@code notifications:} over the worker's own pool, so an incident storm never takes a
     * webhook's connection.
     */
    public static NotificationActivities notifications(NotificationsConfig config, Jdbi jdbi) {
        return new NotificationActivitiesImpl(jdbi, config.settings(), config.build(JsonPost.withDefaults()),
                Clock.systemUTC());
    }

    /** Only a probe that reads feature keys can confirm Stripe Entitlements' features. */
    private static boolean readsFeatures(ProvingConfig proving) {
        return switch (proving.probe) {
            case HTTP -> proving.http.featuresPointer != null && !proving.http.featuresPointer.isBlank();
            case SQL -> proving.sql.readsFeatures;
            case RECEIPT -> false;
        };
    }

    /** The check behind the {@code stripe} health check: one read with the reconciles' key, in their budget. */
    public static StripeKeyCheck stripeKeyCheck(StripeConfig stripe, Jdbi jdbi, StripeCounters stripeCounters) {
        return new StripeKeyCheck(stripe.buildClient(), rateLimiter(stripe, jdbi, stripeCounters), stripe.apiKey);
    }

    /** One schedule in PostgreSQL for every worker and replica: Stripe's read limit is per account. */
    private static StripeRateLimiter rateLimiter(StripeConfig stripe, Jdbi jdbi, StripeCounters counters) {
        return new StripeRateLimiter(jdbi, StripeRateLimiter.DEFAULT_BUCKET, stripe.apiRequestsPerSecond,
                (int) Math.max(1, stripe.apiRequestsPerSecond), StripeRateLimiter.DEFAULT_MAX_WAIT,
                StripeRateLimiter.Sleeper.SYSTEM, stripe.keyRefusedProbeEvery.toJavaDuration(),
                counters.authFailures()::inc, counters.permits()::inc);
    }
}
