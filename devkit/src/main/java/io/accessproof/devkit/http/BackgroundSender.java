package io.accessproof.devkit.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends requests without blocking the caller, each as a blocking send on a reused thread. The JDK's
 * {@code sendAsync} hands every response to CompletableFuture's default executor, which on a machine of
 * one or two cores starts a new thread for each: at a few hundred requests a second that thread churn is
 * a visible share of the CPU the harness is meant to leave to the service it measures. The pool grows with
 * the requests in flight, so a slow server never holds back the ones that are due.
 */
public final class BackgroundSender {
    private final HttpClient client;
    private final ExecutorService threads;

    public BackgroundSender(HttpClient client, String threadName) {
        this.client = client;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Completes with the response, or exceptionally with the send's own {@link IOException}. */
    public CompletableFuture<HttpResponse<Void>> send(HttpRequest request) {
        CompletableFuture<HttpResponse<Void>> answer = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                answer.complete(client.send(request, HttpResponse.BodyHandlers.discarding()));
            } catch (IOException e) {
                answer.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }
}
