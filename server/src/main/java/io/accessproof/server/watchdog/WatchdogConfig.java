package io.accessproof.server.watchdog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.server.runs.ProvingConfig;
import io.accessproof.server.temporal.SingletonStarter;
import io.accessproof.workflows.watchdog.StallWatchdogWorkflow;
import io.accessproof.workflows.watchdog.WatchdogInput;
import io.dropwizard.util.Duration;
import io.temporal.client.WorkflowClient;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code watchdog:} how often the stall watchdog looks, and how long past its deadline a run may still be open. */
public class WatchdogConfig {
    @NotNull
    @JsonProperty
    public Duration every = Duration.minutes(1);
    @NotNull
    @JsonProperty
    public Duration margin = Duration.minutes(2);

    /** The watchdog's input: its own settings and the runs' deadlines. */
    public WatchdogInput input(ProvingConfig proving) {
        Map<String, java.time.Duration> deadlines = new LinkedHashMap<>();
        proving.deadlines.forEach((type, deadline) -> deadlines.put(type, deadline.toJavaDuration()));
        return new WatchdogInput(every.toJavaDuration(), margin.toJavaDuration(),
                proving.defaultDeadline.toJavaDuration(), deadlines, proving.horizon.toJavaDuration());
    }

    /** Keeps the stall watchdog running, one per namespace. */
    public SingletonStarter starter(WorkflowClient client, ProvingConfig proving) {
        WatchdogInput input = input(proving);
        return new SingletonStarter("stall watchdog", input.every(), () -> {
            StallWatchdogWorkflow watchdog = client.newWorkflowStub(StallWatchdogWorkflow.class,
                    SingletonStarter.options(StallWatchdogWorkflow.WORKFLOW_ID));
            WorkflowClient.start(watchdog::watch, input);
        });
    }
}
