package io.accessproof.server.temporal;

import io.accessproof.server.tracing.Tracing;
import io.accessproof.workflows.PayloadConverters;
import io.accessproof.workflows.SearchAttributes;
import io.dropwizard.lifecycle.Managed;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC connection to Temporal, and in dev the embedded test server behind it. Opened before the
 * application wires its resources; closed last.
 */
public final class TemporalConnection implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(TemporalConnection.class);

    private final TemporalConfig config;
    private final LocalTemporal.Running embeddedServer;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final Tracing tracing;

    private TemporalConnection(TemporalConfig config, LocalTemporal.Running embeddedServer,
                               WorkflowServiceStubs service, Tracing tracing) {
        this.config = config;
        this.embeddedServer = embeddedServer;
        this.service = service;
        this.tracing = tracing;
        this.client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
                .setNamespace(config.namespace)
                .setDataConverter(PayloadConverters.dataConverter())
                .setInterceptors(tracing.clientInterceptors())
                .build());
    }

    /**
     * Connects lazily: a Temporal that is down does not stop the service from accepting events.
     * {@code local} starts the embedded server when the configuration asks for one; {@code tracing} traces every
     * client call and worker ({@link Tracing#OFF}: none).
     */
    public static TemporalConnection open(TemporalConfig config, LocalTemporal local, Tracing tracing) {
        LocalTemporal.Running embedded = null;
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setRpcTimeout(Duration.ofSeconds(5));
        if (config.embedded) {
            embedded = local.start(config.embeddedPort);
            options.setChannel(embedded.channel());
            LOG.info("embedded Temporal test server listening on port {}", config.embeddedPort);
        } else {
            options.setTarget(config.target);
            secure(options, config);
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        TemporalConnection connection = new TemporalConnection(config, embedded, stubs, tracing);
        if (config.embedded) {
            connection.registerSearchAttributes();
        }
        return connection;
    }

    private static void secure(WorkflowServiceStubsOptions.Builder options, TemporalConfig config) {
        if (config.tls.enabled) {
            options.setSslContext(sslContext(config.tls));
        }
        if (config.apiKey != null && !config.apiKey.isBlank()) {
            options.addApiKey(() -> config.apiKey);
            if (!config.tls.enabled) {
                options.setEnableHttps(true);
            }
        }
    }

    private static SslContext sslContext(TemporalConfig.Tls tls) {
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient();
            if (tls.clientCertPath != null) {
                builder.keyManager(new File(tls.clientCertPath), new File(tls.clientKeyPath));
            }
            if (tls.serverCaPath != null) {
                builder.trustManager(new File(tls.serverCaPath));
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Temporal TLS files: " + e.getMessage(), e);
        }
    }

    /**
     * Registers accessproof's search attributes where they are missing. Done for the embedded server;
     * for a real namespace the README gives the {@code temporal operator search-attribute create} lines.
     */
    public void registerSearchAttributes() {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
        // The test server implements add, not list: add each and accept "already exists".
        try {
            for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
                try {
                    operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(config.namespace)
                            .putSearchAttributes(key.getName(), key.getValueType())
                            .build());
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        } finally {
            operator.shutdown();
        }
    }

    public WorkflowClient client() {
        return client;
    }

    /** A worker factory on this client, its workflows and activities traced like the client's calls. */
    public WorkerFactory newWorkerFactory() {
        return WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(tracing.workerInterceptors())
                .build());
    }

    public WorkflowServiceStubs service() {
        return service;
    }

    public String namespace() {
        return config.namespace;
    }

    @Override
    public void stop() {
        service.shutdown();
        service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        if (embeddedServer != null) {
            try {
                embeddedServer.server().close();
            } catch (Exception e) {
                LOG.warn("embedded Temporal did not stop cleanly: {}", e.toString());
            }
        }
    }
}
