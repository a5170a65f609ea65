package io.accessproof.dev;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/** Checks, before anything starts, that every port the dev stack needs is free. */
final class Ports {
    private Ports() {
    }

    /** @param ports what listens there → port; a taken one fails with a message naming both */
    static void requireFree(Map<String, Integer> ports) {
        ports.forEach((what, port) -> {
            if (port > 0 && !free(port)) {
                throw new PortInUseException("port " + port + " (" + what + ") is already in use. Is another "
                        + "`./accessproof dev` running? Stop it, or choose another port (see README, \"Ports\").");
            }
        });
    }

    private static boolean free(int port) {
        // Temporal's test server binds every interface, so check the wildcard address, not only loopback.
        for (InetAddress address : new InetAddress[] {InetAddress.getLoopbackAddress(), null}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
