package io.accessproof.bench;

import io.accessproof.devkit.load.EventTemplates;
import io.accessproof.devkit.load.LoadGenerator;
import io.accessproof.devkit.load.LoadResult;
import io.accessproof.devkit.load.Schedule;
import io.accessproof.devkit.load.StoredEvents;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --dribblers} connections that each send a webhook's headers and then one body byte a second (and
 * reconnect when cut off), while a normal sender sends signed events at {@code --rate} for {@code --duration}
 * seconds: the normal sender's latency and ledger (every 2xx event stored) say whether slow bodies starve the
 * intake. {@code bench/run-slowloris.sh [--dribblers 500] [--rate 50] [--duration 20] [--repeats 3]}
 */
public final class SlowlorisBench {
    private SlowlorisBench() {
    }

    public static void main(String[] args) throws Exception {
        int dribblers = intArg(args, "--dribblers", 500);
        double rate = intArg(args, "--rate", 50);
        int seconds = intArg(args, "--duration", 20);
        int repeats = intArg(args, "--repeats", 3);
        System.out.printf(Locale.ROOT, "%d dribbling connections (1 byte/s) beside %s events/s for %d s, %d repeats; %s%n",
                dribblers, rate, seconds, repeats, Stats.machineLoad());
        List<Double> p99 = new ArrayList<>();
        for (int i = 1; i <= repeats; i++) {
            p99.add(once(dribblers, rate, seconds, i));
        }
        p99.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median p99 of the normal sender: %.1f ms (min %.1f, max %.1f)%n",
                p99.get(p99.size() / 2), p99.get(0), p99.get(p99.size() - 1));
    }

    private static double once(int dribblers, double rate, int seconds, int run) throws Exception {
        try (TestPostgres.Database db = TestPostgres.freshDatabase();
             TestApp app = TestApp.start(db, ConfigOverride.config("temporal.worker", "false"),
                     ConfigOverride.config("logging.level", "WARN"))) {
            int port = Integer.parseInt(app.url("").replaceAll(".*:(\\d+)$", "$1"));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong cutOff = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (int d = 0; d < dribblers; d++) {
                Thread t = new Thread(() -> dribbleUntil(stop, port, cutOff), "dribbler-" + d);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            LoadGenerator sender = new LoadGenerator(LoadGenerator.Options.of(URI.create(app.url("/webhooks/stripe")),
                    TestApp.SECRET).withMaxInFlight(256));
            LoadResult result = sender.run("normal sender #" + run, Schedule.constant(rate, Duration.ofSeconds(seconds)),
                    EventTemplates.bundled().cycling(EventTemplates.TYPES));
            stop.set(true);
            StoredEvents.check(result.ledger(), db.jdbcUrl(), db.user(), db.password());
            System.out.printf(Locale.ROOT, "  %s%n  dribbling connections cut off by the server: %,d%n", result.summary(),
                    cutOff.get());
            return result.percentileMillis(99);
        }
    }

    /** One slow sender: headers, then a byte a second; reconnects each time the server hangs up. */
    private static void dribbleUntil(AtomicBoolean stop, int port, AtomicLong cutOff) {
        while (!stop.get()) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Stripe-Signature: t=" + Instant.now().getEpochSecond() + ",v1=" + "a".repeat(64) + "\r\n"
                        + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                while (!stop.get()) {
                    out.write('{');
                    out.flush();
                    LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                    if (socket.getInputStream().available() > 0) {
                        break; // the server answered (408): it will hang up
                    }
                }
            } catch (IOException e) {
                // the server hung up
            }
            if (!stop.get()) {
                cutOff.incrementAndGet();
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
