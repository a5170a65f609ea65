package io.accessproof.server.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Asks the API again at an interval until it has the answer or the time is up; always bounded. */
final class Poll {
    private Poll() {
    }

    static <T> Optional<T> until(Duration timeout, Duration every, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || System.nanoTime() >= deadline) {
                return value;
            }
            pause(Duration.ofNanos(Math.min(every.toNanos(), Math.max(0, deadline - System.nanoTime()))));
        }
    }

    static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.UNAVAILABLE, "interrupted");
        }
    }
}
