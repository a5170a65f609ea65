package io.accessproof.activities.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StripeRateLimiterTest {

    /** Fake time: reads {@code now}; sleeping advances it when {@code sleepAdvances}, else is refused. */
    record FakeTicker(AtomicLong now, boolean sleepAdvances) implements StripeRateLimiter.Ticker {
        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleepNanos(long nanos) {
            if (!sleepAdvances) {
                throw new AssertionError("a limiter with maxWait 0 must not sleep");
            }
            now.addAndGet(nanos);
        }
    }

    @Test
    void hundredCallsAt20PerSecond_takeFourSecondsOfFakeTimeAfterTheBurst() {
        AtomicLong now = new AtomicLong();
        StripeRateLimiter limiter = new StripeRateLimiter(20, 20, Duration.ofSeconds(5), new FakeTicker(now, true));

        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }

        assertThat(Duration.ofNanos(now.get())).isBetween(Duration.ofMillis(3990), Duration.ofMillis(4010));
    }

    @Test
    void withinOneSecondOfFakeTime_atMostBurstPlusRateCallsPass() {
        AtomicLong now = new AtomicLong();
        StripeRateLimiter limiter = new StripeRateLimiter(20, 20, Duration.ZERO, new FakeTicker(now, false));
        int passed = 0;
        for (int ms = 0; ms < 1000; ms++) {
            now.set(Duration.ofMillis(ms).toNanos());
            for (int k = 0; k < 5; k++) {
                try {
                    limiter.acquire();
                    passed++;
                } catch (ApplicationFailure limited) {
                    assertThat(limited.isNonRetryable()).isFalse();
                }
            }
        }
        assertThat(passed).isBetween(38, 40);
    }

    @Test
    void waitLongerThanMaxWait_failsRetryablyWithoutReserving() {
        AtomicLong now = new AtomicLong();
        StripeRateLimiter limiter = new StripeRateLimiter(1, 1, Duration.ofMillis(500), new FakeTicker(now, true));
        limiter.acquire();

        assertThatThrownBy(limiter::acquire)
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo(StripeRateLimiter.RATE_LIMITED_TYPE);
                    assertThat(f.isNonRetryable()).isFalse();
                });
        now.addAndGet(Duration.ofMillis(600).toNanos());
        limiter.acquire(); // 400 ms of fake sleep: the failed attempt reserved nothing
        assertThat(Duration.ofNanos(now.get())).isEqualTo(Duration.ofSeconds(1));
    }
}
