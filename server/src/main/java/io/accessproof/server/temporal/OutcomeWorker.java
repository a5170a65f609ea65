package io.accessproof.server.temporal;

import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.outcome.BillingOutcomeWorkflowImpl;
import io.dropwizard.lifecycle.Managed;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.List;

/** Polls the outcome task queue with the workflow and the given activity implementations. */
public final class OutcomeWorker implements Managed {
    private final WorkerFactory factory;
    private volatile boolean started;

    public OutcomeWorker(TemporalConnection temporal, List<Object> activities) {
        this.factory = WorkerFactory.newInstance(temporal.client());
        Worker worker = factory.newWorker(TaskQueues.OUTCOME, WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(50)
                .build());
        worker.registerWorkflowImplementationTypes(BillingOutcomeWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities.toArray());
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
