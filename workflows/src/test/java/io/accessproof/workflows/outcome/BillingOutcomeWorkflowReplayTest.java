package io.accessproof.workflows.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.workflows.PayloadConverters;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
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
            "proven-local-store-and-probe.json", "incident-proven-late-local-store-and-probe.json"})
    void recordedHistoryReplays(String file) throws Exception {
        String json = read("/histories/" + file);
        assertThat(json).contains("BillingOutcomeWorkflow");
        WorkflowReplayer.replayWorkflowExecution(WorkflowExecutionHistory.fromJson(json), env,
                BillingOutcomeWorkflowImpl.class);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = BillingOutcomeWorkflowReplayTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
