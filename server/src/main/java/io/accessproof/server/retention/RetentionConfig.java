package io.accessproof.server.retention;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.server.temporal.SingletonStarter;
import io.accessproof.workflows.retention.RetentionInput;
import io.accessproof.workflows.retention.RetentionWorkflow;
import io.dropwizard.util.Duration;
import io.temporal.client.WorkflowClient;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * {@code retention:} how long each kind of row is kept (0: forever), and how the purge job works through
 * them. Receipts, timelines and resolved incidents follow their run ({@code closedRuns}).
 */
public class RetentionConfig {
    @NotNull
    @JsonProperty
    public Duration rawBodies = Duration.days(30);
    @NotNull
    @JsonProperty
    public Duration closedRuns = Duration.days(90);
    @NotNull
    @JsonProperty
    public Duration auditLog = Duration.days(400);
    /** Erase a customer's raw bodies and free-form fields when Stripe sends {@code customer.deleted}. */
    @JsonProperty
    public boolean eraseOnCustomerDeleted;
    @NotNull
    @JsonProperty
    public Duration every = Duration.hours(1);
    @Positive
    @Max(10_000)
    @JsonProperty
    public int batch = 1000;

    /**
     * The missed-event sweep lists Stripe's last 30 days and must still recognise every event of them it has
     * stored; a closed run's event kept for less would be found again and proven a second time.
     */
    @JsonIgnore
    @AssertTrue(message = "retention.closedRuns must be 0 (forever) or at least 30 days: the missed-event sweep "
            + "lists Stripe's last 30 days")
    public boolean isClosedRunsLongerThanStripesEventWindow() {
        return closedRuns.toSeconds() == 0 || closedRuns.toDays() >= 30;
    }

    public RetentionInput input() {
        return new RetentionInput(every.toJavaDuration(), rawBodies.toJavaDuration(), closedRuns.toJavaDuration(),
                auditLog.toJavaDuration(), batch, eraseOnCustomerDeleted);
    }

    /** Keeps the purge job running, one per namespace. */
    public SingletonStarter starter(WorkflowClient client) {
        RetentionInput input = input();
        return new SingletonStarter("purge job", input.every(), () -> {
            RetentionWorkflow purge = client.newWorkflowStub(RetentionWorkflow.class,
                    SingletonStarter.options(RetentionWorkflow.WORKFLOW_ID));
            WorkflowClient.start(purge::keep, input);
        });
    }
}
