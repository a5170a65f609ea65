package io.accessproof.server.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.server.temporal.SingletonStarter;
import io.accessproof.workflows.sweep.MissedEventSweepWorkflow;
import io.accessproof.workflows.sweep.SweepInput;
import io.dropwizard.util.Duration;
import io.temporal.client.WorkflowClient;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;

/** {@code sweep:} the missed-event sweep, which lists Stripe's events to find those never delivered. */
public class SweepConfig {
    /** Run the periodic sweep (a sweep by hand works either way). */
    @JsonProperty
    public boolean enabled = true;
    @NotNull
    @JsonProperty
    public Duration every = Duration.minutes(5);
    @NotNull
    @JsonProperty
    public Duration overlap = Duration.minutes(10);
    @NotNull
    @JsonProperty
    public Duration backfill = Duration.days(3);
    /** Events younger than this are left to their webhook until the next pass. */
    @NotNull
    @JsonProperty
    public Duration settle = Duration.minutes(1);

    /** The periodic sweep's input (no sweep id), or a sweep by hand's. */
    public SweepInput input(Set<String> types, String sweepId, Long sinceEpoch) {
        return new SweepInput(every.toJavaDuration(), overlap.toJavaDuration(), backfill.toJavaDuration(),
                settle.toJavaDuration(), List.copyOf(types), sweepId, sinceEpoch);
    }

    /** Keeps the periodic sweep running, one per namespace. */
    public SingletonStarter starter(WorkflowClient client, Set<String> types) {
        SweepInput input = input(types, null, null);
        return new SingletonStarter("missed-event sweep", input.every(), () -> {
            MissedEventSweepWorkflow sweep = client.newWorkflowStub(MissedEventSweepWorkflow.class,
                    SingletonStarter.options(MissedEventSweepWorkflow.WORKFLOW_ID));
            WorkflowClient.start(sweep::sweep, input);
        });
    }
}
