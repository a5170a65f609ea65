package io.accessproof.server.metrics;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.metrics.servlets.MetricsServlet;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The admin port's metrics for Prometheus: {@code GET /metrics} in its text format, bridged from the
 * application's Dropwizard registry (names with dots become underscores, counters and meters end in
 * {@code _total}); Dropwizard's own JSON moves to {@code /metrics.json}.
 */
public final class PrometheusEndpoint {
    private PrometheusEndpoint() {
    }

    /** @param registry accessproof's own Prometheus metrics ({@link ProofMetrics}); the Dropwizard ones join it */
    public static void register(Environment environment, PrometheusRegistry registry) {
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(registry);
        // Exact paths win over the admin servlet's "/*".
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping("/metrics");
        environment.admin().addServlet("metrics-json", new MetricsServlet(environment.metrics()))
                .addMapping("/metrics.json");
    }
}
