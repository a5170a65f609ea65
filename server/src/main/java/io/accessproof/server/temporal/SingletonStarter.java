package io.accessproof.server.temporal;

import io.accessproof.workflows.TaskQueues;
import io.dropwizard.lifecycle.Managed;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a namespace's one-of-a-kind workflow (the stall watchdog, the purge job) running: starts it with
 * "use existing" at start-up and again every period, so that a Temporal that lost its memory (or a replica
 * that reconnected) gets it back; a start while it runs changes nothing. Off the request path, in a thread
 * of its own: a Temporal that hangs delays only this.
 */
public final class SingletonStarter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SingletonStarter.class);

    private final String name;
    private final Duration every;
    private final Runnable start;
    private ScheduledExecutorService scheduler;

    /** @param start starts the workflow with {@code WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING} */
    public SingletonStarter(String name, Duration every, Runnable start) {
        this.name = name;
        this.every = every;
        this.start = start;
    }

    /** The options of a singleton workflow: its fixed id on the outcome queue, "use existing" when it runs. */
    public static WorkflowOptions options(String workflowId) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.OUTCOME)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name.replace(' ', '-') + "-starter");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::ensureRunning, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ensureRunning() {
        try {
            start.run();
        } catch (RuntimeException e) {
            LOG.warn("{} not started this time ({}); trying again in {}", name, e.getMessage(), every);
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
