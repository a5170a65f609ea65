package io.accessproof.server.support;

import io.accessproof.workflows.WorkflowIds;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.TimeUnit;

/** Asks a Temporal frontend whether the run of an event exists. */
public final class TemporalProbe implements AutoCloseable {
    private final WorkflowServiceStubs service;

    public TemporalProbe(String target) {
        this.service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(target).build());
    }

    public WorkflowClient client() {
        return WorkflowClient.newInstance(service);
    }

    public boolean runExists(String eventId) {
        try {
            service.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.forEvent(eventId)))
                            .build());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        service.shutdownNow();
    }
}
