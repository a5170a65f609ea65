package io.accessproof.server.watchdog;

import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.watchdog.StallWatchdogWorkflow;
import io.accessproof.workflows.watchdog.WatchdogInput;
import io.dropwizard.lifecycle.Managed;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the stall watchdog with "use existing" at start-up and again every period, so that a Temporal that
 * lost its memory (or a replica that reconnected) gets it back; a start while it runs changes nothing.
 * Off the request path, in a thread of its own: a Temporal that hangs delays only this.
 */
public final class WatchdogStarter implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(WatchdogStarter.class);

    private final WorkflowClient client;
    private final WatchdogInput input;
    private ScheduledExecutorService scheduler;

    public WatchdogStarter(WorkflowClient client, WatchdogInput input) {
        this.client = client;
        this.input = input;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "watchdog-starter");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::ensureRunning, 0, input.every().toMillis(), TimeUnit.MILLISECONDS);
    }

    void ensureRunning() {
        try {
            StallWatchdogWorkflow watchdog = client.newWorkflowStub(StallWatchdogWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(StallWatchdogWorkflow.WORKFLOW_ID)
                    .setTaskQueue(TaskQueues.OUTCOME)
                    .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                    .build());
            WorkflowClient.start(watchdog::watch, input);
        } catch (RuntimeException e) {
            LOG.warn("stall watchdog not started this time ({}); trying again in {}", e.getMessage(), input.every());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
