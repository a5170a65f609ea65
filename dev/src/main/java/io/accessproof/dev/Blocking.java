package io.accessproof.dev;

import java.util.concurrent.CountDownLatch;

/** Keeps a stand-alone dev server running until the process is asked to stop (Ctrl-C, SIGTERM). */
final class Blocking {
    private Blocking() {
    }

    static void untilShutdown(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e.getMessage());
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
