package io.accessproof.server.health;

import com.codahale.metrics.health.HealthCheck;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;

/** The Temporal frontend answers for our namespace within two seconds. */
public final class TemporalHealthCheck extends HealthCheck {
    private final WorkflowServiceStubs service;
    private final String namespace;

    public TemporalHealthCheck(WorkflowServiceStubs service, String namespace) {
        this.service = service;
        this.namespace = namespace;
    }

    @Override
    protected Result check() {
        service.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
        return Result.healthy();
    }
}
