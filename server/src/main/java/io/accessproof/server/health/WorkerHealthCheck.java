package io.accessproof.server.health;

import com.codahale.metrics.health.HealthCheck;
import io.accessproof.server.temporal.OutcomeWorker;

/** The worker is polling the outcome task queue. */
public final class WorkerHealthCheck extends HealthCheck {
    private final OutcomeWorker worker;

    public WorkerHealthCheck(OutcomeWorker worker) {
        this.worker = worker;
    }

    @Override
    protected Result check() {
        return worker.running() ? Result.healthy() : Result.unhealthy("worker is not polling");
    }
}
