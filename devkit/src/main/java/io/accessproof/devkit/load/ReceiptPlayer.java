package io.accessproof.devkit.load;

import io.accessproof.devkit.http.BackgroundSender;
import io.accessproof.devkit.stripe.Json;
import io.accessproof.devkit.stripe.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays the app: after an event is accepted it sends the app's signed receipt
 * ({@code POST /receipts}, {@code Accessproof-Signature: t=…,v1=HMAC(secret, "t.body")}) after a delay;
 * some receipts twice (same receipt id), some before their event (out of order). An endpoint that
 * answers 404 is taken as "no receipts endpoint here": the player stops sending and says so.
 *
 * @see Options
 */
public final class ReceiptPlayer implements LoadGenerator.Player, AutoCloseable {

    /**
     * @param url           accessproof's {@code /receipts}
     * @param delay         from the event's 2xx to its receipt
     * @param duplicateRate share of receipts sent a second time
     * @param earlyRate     share of receipts sent before their event
     */
    public record Options(URI url, String secret, Duration delay, double duplicateRate, double earlyRate) {
    }

    private final Options options;
    private final BackgroundSender http =
            new BackgroundSender(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), "receipt-player");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loadgen-receipts");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean endpointMissing = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Set<String> early = ConcurrentHashMap.newKeySet();

    public ReceiptPlayer(Options options) {
        this.options = options;
    }

    @Override
    public void beforeSend(StripeEvent event) {
        if (roll(options.earlyRate()) && early.add(event.id())) {
            send(event);
        }
    }

    @Override
    public void accepted(StripeEvent event) {
        if (early.contains(event.id()) || endpointMissing.get()) {
            return;
        }
        pending.incrementAndGet();
        timer.schedule(() -> {
            try {
                send(event);
            } finally {
                pending.decrementAndGet();
            }
        }, options.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(StripeEvent event) {
        if (endpointMissing.get()) {
            return;
        }
        String body = Json.MAPPER.createObjectNode()
                .put("event_id", event.id())
                .put("receipt_id", "rcpt_" + EventTemplates.random(24))
                .put("status", "processed")
                .put("customer_id", event.customerId())
                .toString();
        post(body);
        if (roll(options.duplicateRate())) {
            post(body);
        }
    }

    private void post(String body) {
        HttpRequest request = HttpRequest.newBuilder(options.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accessproof-Signature", Signer.header(System.currentTimeMillis() / 1000, body,
                        List.of(options.secret())))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        sent.incrementAndGet();
        pending.incrementAndGet();
        http.send(request).whenComplete((response, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            } else if (response.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
            } else if (response.statusCode() == 404) {
                endpointMissing.set(true);
                rejected.incrementAndGet();
            } else {
                rejected.incrementAndGet();
            }
            pending.decrementAndGet();
        });
    }

    private static boolean roll(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** Waits (bounded) until every scheduled receipt has been sent and answered. */
    public void awaitQuiet(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(pending.get() + " receipts still unanswered after " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    public boolean endpointMissing() {
        return endpointMissing.get();
    }

    public long sent() {
        return sent.get();
    }

    public long accepted() {
        return accepted.get();
    }

    @Override
    public String toString() {
        return "receipts: sent " + sent + " = 2xx " + accepted + " + refused " + rejected + " + failed " + failed
                + (endpointMissing.get() ? " (the receipts endpoint answered 404: not deployed here; receipts stopped)" : "");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
