package io.accessproof.server.temporal;

import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.audit.DriftAuditWorkflowImpl;
import io.accessproof.workflows.bulk.BulkJobWorkflowImpl;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflowImpl;
import io.accessproof.workflows.outcome.OperatorActionWorkflowImpl;
import io.accessproof.workflows.retention.RetentionWorkflowImpl;
import io.accessproof.workflows.sweep.MissedEventSweepWorkflowImpl;
import io.accessproof.workflows.watchdog.StallWatchdogWorkflowImpl;
import io.dropwizard.lifecycle.Managed;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls the outcome task queue with the workflow and its activities, and the Stripe task queue with
 * reconcile alone. Reconcile stays registered on the outcome queue too, for runs that began before
 * {@code reconcile-on-stripe-queue} and still schedule it there.
 */
public final class OutcomeWorker implements Managed {
    private final WorkerFactory factory;
    private volatile boolean started;

    public OutcomeWorker(TemporalConnection temporal, WorkerActivities.ByQueue activities) {
        this.factory = temporal.newWorkerFactory();
        // Few workflow tasks at once: they are CPU, and more of them only take cores from the webhook acks;
        // local activities (the runs' writes and probes) about two per connection of the worker's pool.
        Worker outcome = factory.newWorker(TaskQueues.OUTCOME, WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(50)
                .setMaxConcurrentWorkflowTaskExecutionSize(8)
                .setMaxConcurrentLocalActivityExecutionSize(16)
                .build());
        outcome.registerWorkflowImplementationTypes(BillingOutcomeWorkflowImpl.class, StallWatchdogWorkflowImpl.class,
                RetentionWorkflowImpl.class, MissedEventSweepWorkflowImpl.class, DriftAuditWorkflowImpl.class,
                OperatorActionWorkflowImpl.class, BulkJobWorkflowImpl.class);
        List<Object> all = new ArrayList<>(activities.others());
        all.add(activities.reconcile());
        outcome.registerActivitiesImplementations(all.toArray());
        Worker stripe = factory.newWorker(TaskQueues.STRIPE, WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(activities.stripeSlots())
                .build());
        stripe.registerActivitiesImplementations(activities.reconcile());
    }

    @Override
    public void start() {
        factory.start();
        started = true;
    }

    public boolean running() {
        return started && factory.isStarted() && !factory.isShutdown();
    }

    @Override
    public void stop() {
        if (started) {
            factory.shutdown();
            factory.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
