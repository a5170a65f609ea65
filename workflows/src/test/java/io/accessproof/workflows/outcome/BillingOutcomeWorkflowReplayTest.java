package io.accessproof.workflows.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessproof.workflows.PayloadConverters;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.RunState;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories against today's code: a change to the command sequence that is not behind
 * {@code Workflow.getVersion} fails here before it fails a running workflow.
 */
class BillingOutcomeWorkflowReplayTest {
    private static TestWorkflowEnvironment env;

    @BeforeAll
    static void environment() {
        // The production converter, so histories keep replaying when records gain or lose fields.
        env = newEnvironment();
    }

    private static TestWorkflowEnvironment newEnvironment() {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadConverters.dataConverter())
                        .build())
                .build());
    }

    @AfterAll
    static void close() {
        env.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"proven.json", "incident-proven-late.json", "receipt-only.json",
            "receipt-before-event.json", "incident-notified-proven-late.json",
            "receipt-event-not-tracked.json", "proven-reconcile-on-stripe-queue.json",
            "proven-local-store-and-probe.json", "incident-proven-late-local-store-and-probe.json",
            "event-never-delivered.json", "receipt-failed-proven-late.json", "superseded.json", "not-applicable.json",
            "stripe-not-found-not-applicable.json", "stripe-unavailable-proven-late.json",
            "stripe-key-refused-proven-late.json", "stripe-unavailable-reclassified-proven-late.json",
            "late-event-proven-late.json", "own-budget-deadline-extended.json",
            "operator-ack-resolve-terminate.json"})
    void recordedHistoryReplays(String file) throws Exception {
        String json = read("/histories/" + file);
        assertThat(json).contains("BillingOutcomeWorkflow");
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), env,
                BillingOutcomeWorkflowImpl.class);
    }

    /** The guard itself: a workflow whose first command differs from the recorded one must not replay. */
    @Test
    void changedCommandSequence_failsReplay() throws Exception {
        String json = read("/histories/proven-local-store-and-probe.json");
        try (TestWorkflowEnvironment changed = newEnvironment()) {
            assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json),
                    changed, TimerFirstWorkflowImpl.class))
                    .hasStackTraceContaining(NonDeterministicException.class.getSimpleName());
        }
    }

    /** Today's workflow with one unversioned change: a timer before everything else. */
    public static class TimerFirstWorkflowImpl extends BillingOutcomeWorkflowImpl {
        @WorkflowInit
        public TimerFirstWorkflowImpl(OutcomeInput input) {
            super(input);
        }

        @Override
        public RunState run(OutcomeInput input) {
            Workflow.sleep(Duration.ofSeconds(1));
            return super.run(input);
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = BillingOutcomeWorkflowReplayTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
