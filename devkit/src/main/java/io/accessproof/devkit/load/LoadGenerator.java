package io.accessproof.devkit.load;

import io.accessproof.devkit.http.BackgroundSender;
import io.accessproof.devkit.stripe.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-model webhook load generator. Requests are due at the times of a {@link Schedule}, whatever
 * the server does; each one's latency is measured from its due time, not from when it could be sent,
 * so a slow server cannot hide its queueing (no coordinated omission). Every event is signed as Stripe
 * signs: {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>}.
 */
public final class LoadGenerator {

    /**
     * @param url           the webhook endpoint
     * @param secrets       endpoint secrets; one {@code v1} per secret
     * @param timeout       a request not answered within this counts as a timeout
     * @param maxInFlight   at most this many requests open at once (later ones wait, still timed from their due time)
     * @param duplicateRate share of requests that re-deliver the previous event instead of a new one
     */
    public record Options(URI url, List<String> secrets, Duration timeout, int maxInFlight, double duplicateRate) {
        public Options {
            Objects.requireNonNull(url, "url");
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("at least one webhook secret is needed to sign events");
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be >= 1");
            }
        }

        public static Options of(URI url, String secret) {
            return new Options(url, List.of(secret), Duration.ofSeconds(10), 512, 0);
        }

        public Options withMaxInFlight(int n) {
            return new Options(url, secrets, timeout, n, duplicateRate);
        }

        public Options withTimeout(Duration t) {
            return new Options(url, secrets, t, maxInFlight, duplicateRate);
        }

        public Options withDuplicateRate(double rate) {
            return new Options(url, secrets, timeout, maxInFlight, rate);
        }
    }

    /** Plays the other side of each event (e.g. the app sending receipts); called on generator threads. */
    public interface Player {
        default void beforeSend(StripeEvent event) {
        }

        default void accepted(StripeEvent event) {
        }
    }

    /** A progress line's numbers. */
    public record Progress(double elapsedSeconds, int due, Ledger ledger, int inFlight) {
        @Override
        public String toString() {
            return String.format("%5.1fs  sent %d/%d  2xx %d  4xx %d  5xx %d  timeouts %d  errors %d  in flight %d",
                    elapsedSeconds, ledger.sentCount(), due, ledger.ok(), ledger.clientErrors(),
                    ledger.serverErrors(), ledger.timeouts(), ledger.transportErrors(), inFlight);
        }
    }

    private final Options options;
    private final BackgroundSender http;

    public LoadGenerator(Options options) {
        this.options = options;
        this.http = new BackgroundSender(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.timeout()).build(), "loadgen");
    }

    public LoadResult run(String name, Schedule schedule, Supplier<StripeEvent> events) throws InterruptedException {
        return run(name, schedule, events, new Player() { }, p -> { }, Duration.ofSeconds(1));
    }

    /** Sends the schedule, waits for every answer (bounded by the timeout), and returns the measurement. */
    public LoadResult run(String name, Schedule schedule, Supplier<StripeEvent> events, Player player,
                          Consumer<Progress> progress, Duration progressEvery) throws InterruptedException {
        Ledger ledger = new Ledger();
        Histogram latency = histogram();
        Histogram firstSecond = histogram();
        AtomicInteger measuredOk = new AtomicInteger();
        Semaphore slots = new Semaphore(options.maxInFlight());
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long startNanos = System.nanoTime();
        long startEpochMillis = System.currentTimeMillis();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loadgen-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> progress.accept(new Progress((System.nanoTime() - startNanos) / 1e9,
                schedule.size(), ledger, inFlight.get())), progressEvery.toMillis(), progressEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            StripeEvent previous = null;
            for (int i = 0; i < schedule.size(); i++) {
                long due = startNanos + schedule.offsetNanos(i);
                waitUntil(due);
                StripeEvent event = previous != null && options.duplicateRate() > 0
                        && ThreadLocalRandom.current().nextDouble() < options.duplicateRate() ? previous : events.get();
                previous = event;
                long dueEpochMillis = startEpochMillis + schedule.offsetNanos(i) / 1_000_000;
                player.beforeSend(event);
                slots.acquire();
                inFlight.incrementAndGet();
                ledger.sent();
                boolean measured = i >= schedule.warmups();
                boolean inFirstSecond = schedule.offsetNanos(i) < TimeUnit.SECONDS.toNanos(1);
                http.send(request(event)).whenComplete((response, error) -> {
                    long now = System.nanoTime();
                    long micros = Math.max(0, (now - due) / 1000);
                    if (measured) {
                        latency.recordValue(micros);
                    }
                    if (inFirstSecond) {
                        firstSecond.recordValue(micros);
                    }
                    if (error == null) {
                        ledger.answered(response.statusCode(), event, dueEpochMillis);
                        if (response.statusCode() / 100 == 2) {
                            player.accepted(event);
                            if (measured) {
                                measuredOk.incrementAndGet();
                            }
                        }
                    } else if (unwrap(error) instanceof HttpTimeoutException) {
                        ledger.timedOut();
                    } else {
                        ledger.failed();
                    }
                    lastAnswer.accumulateAndGet(now, Math::max);
                    inFlight.decrementAndGet();
                    slots.release();
                });
            }
            long grace = options.timeout().toMillis() + 5_000;
            if (!slots.tryAcquire(options.maxInFlight(), grace, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(inFlight.get() + " requests still open " + grace + " ms after the last was due");
            }
        } finally {
            ticker.shutdownNow();
        }
        long measuredFrom = schedule.warmups() < schedule.size() ? schedule.offsetNanos(schedule.warmups()) : 0;
        return new LoadResult(name, schedule, ledger, latency, lastAnswer.get() - startNanos - measuredFrom,
                measuredOk.get(), firstSecond);
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    }

    private HttpRequest request(StripeEvent event) {
        String signature = Signer.header(System.currentTimeMillis() / 1000, event.payload(), options.secrets());
        return HttpRequest.newBuilder(options.url())
                .timeout(options.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks) accessproof-loadgen")
                .header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(event.payload(), StandardCharsets.UTF_8))
                .build();
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Parks until the due time (no spinning: the machine is shared; a late send is still timed from its due time). */
    private static void waitUntil(long dueNanos) {
        long remaining;
        while ((remaining = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
