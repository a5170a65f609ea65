package io.accessproof.devkit.standins;

import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Java test server inside this process, in real time. Other processes (the Temporal UI, the
 * CLI, an intake-only replica) reach it on its port; this process reaches the same server through an
 * in-process channel, which spares every poll and completion the HTTP/2 round trip over loopback.
 */
public final class EmbeddedTemporal implements AutoCloseable {
    private final TestServicesStarter services;
    private final Server portBound;
    private final InProcessGRPCServer inProcess;

    private EmbeddedTemporal(TestServicesStarter services, Server portBound, InProcessGRPCServer inProcess) {
        this.services = services;
        this.portBound = portBound;
        this.inProcess = inProcess;
    }

    public static EmbeddedTemporal start(int port) {
        // lockTimeSkipping=true: time passes as on a real cluster, never skipped ahead.
        TestServicesStarter services = new TestServicesStarter(true, 0);
        // Loopback only: an in-memory Temporal with no authentication is for this machine, never the network.
        ServerBuilder<?> builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Server portBound;
        try {
            portBound = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot bind the embedded Temporal server to 127.0.0.1:" + port, e);
        }
        return new EmbeddedTemporal(services, portBound, new InProcessGRPCServer(services.getServices()));
    }

    public ManagedChannel channel() {
        return inProcess.getChannel();
    }

    @Override
    public void close() {
        inProcess.shutdown();
        portBound.shutdown();
        try {
            inProcess.awaitTermination(1, TimeUnit.SECONDS);
            portBound.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            portBound.shutdownNow();
            services.close();
        }
    }
}
