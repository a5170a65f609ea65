package io.accessproof.server.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.accessproof.workflows.WorkflowIds;
import io.dropwizard.testing.ConfigOverride;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A run whose workflow an operator terminated from the Temporal CLI, while it was still proving, is
 * recorded as terminated by the stall watchdog the application started, instead of proving forever.
 */
class StallWatchdogEndToEndIntegrationTest {

    @Test
    void workflowTerminatedOutsideAccessproof_runRecordedTerminated() throws Exception {
        try (DevStack stack = DevStack.start(
                ConfigOverride.config("proving.defaultDeadline", "5s"),
                ConfigOverride.config("watchdog.every", "1s"),
                ConfigOverride.config("watchdog.margin", "1s"))) {
            String customer = stack.newCustomer();
            stack.demoFault(customer, "drop");
            stack.subscribe(customer, "pro_monthly");
            String eventId = stack.awaitRun(customer, "proving");

            WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(stack.app().config().temporal.effectiveTarget()).build());
            try {
                WorkflowClient.newInstance(service).newUntypedWorkflowStub(WorkflowIds.forEvent(eventId))
                        .terminate("by hand from the Temporal CLI");
            } finally {
                service.shutdown();
            }

            Eventually.await(Duration.ofSeconds(30), "the watchdog recording " + eventId + " terminated",
                    () -> "terminated".equals(stack.state(eventId)));
            String note = stack.jdbi().withHandle(h -> h.createQuery("SELECT note FROM run_timeline "
                    + "WHERE event_id = :e AND writer = 'watchdog'").bind("e", eventId).mapTo(String.class).one());
            assertThat(note).contains("terminated outside accessproof");
        }
    }
}
