package io.accessproof.activities.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.store.DataSources;
import io.accessproof.store.Jdbis;
import io.accessproof.store.Migrations;
import io.accessproof.store.TestPostgres;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stripe budget shared by all workers, against PostgreSQL. Two pools stand for two workers; waits
 * are recorded rather than slept, so the tests measure the schedule, not the wall clock.
 */
class StripeRateLimiterIntegrationTest {
    private static TestPostgres.Database db;
    private static HikariDataSource workerA;
    private static HikariDataSource workerB;

    @BeforeAll
    static void database() {
        db = TestPostgres.freshDatabase();
        workerA = DataSources.pool("worker-a", db.jdbcUrl(), db.user(), db.password(), 2, Duration.ofSeconds(2));
        workerB = DataSources.pool("worker-b", db.jdbcUrl(), db.user(), db.password(), 2, Duration.ofSeconds(2));
        Migrations.migrate(workerA);
    }

    @AfterAll
    static void drop() {
        workerA.close();
        workerB.close();
        db.close();
    }

    @Test
    void twoWorkersOnOneBucket_getOneScheduleBetweenThem() {
        List<Duration> waits = new ArrayList<>();
        StripeRateLimiter a = limiter(workerA, "shared", 1, 2, Duration.ofSeconds(10), waits);
        StripeRateLimiter b = limiter(workerB, "shared", 1, 2, Duration.ofSeconds(10), waits);

        for (int i = 0; i < 3; i++) {
            a.acquire();
            b.acquire();
        }

        // A burst of two, then one a second for the pair: were the buckets per worker, none would wait.
        assertThat(waits).hasSize(4);
        for (int k = 0; k < 4; k++) {
            assertThat(waits.get(k)).isBetween(Duration.ofMillis(500 + 1000L * k), Duration.ofSeconds(1 + k));
        }
    }

    @Test
    void aBurstPassesAtOnce_thenAPermitFurtherThanMaxWaitFailsRetryably() {
        List<Duration> waits = new ArrayList<>();
        StripeRateLimiter limiter = limiter(workerA, "burst", 0.001, 3, Duration.ZERO, waits);

        limiter.acquire();
        limiter.acquire();
        limiter.acquire();

        assertThat(waits).isEmpty();
        assertThatThrownBy(limiter::acquire).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(StripeRateLimiter.RATE_LIMITED_TYPE);
            assertThat(f.isNonRetryable()).isFalse();
        });
    }

    /** The {@code stripe.permits} metric: the share of the budget in use is its rate over the budget. */
    @Test
    void everyPermitTakenIsCounted_aRefusedOneIsNot() {
        AtomicInteger permits = new AtomicInteger();
        StripeRateLimiter limiter = new StripeRateLimiter(Jdbis.create(workerA), "counted", 0.001, 2, Duration.ZERO,
                wait -> { }, Duration.ofMinutes(1), () -> { }, permits::incrementAndGet);

        limiter.acquire();
        limiter.acquire();

        assertThatThrownBy(limiter::acquire).isInstanceOf(ApplicationFailure.class);
        assertThat(permits).hasValue(2);
    }

    @Test
    void aRefusedPermit_reservesNothing() {
        StripeRateLimiter limiter = limiter(workerA, "refused", 0.001, 1, Duration.ofSeconds(1), new ArrayList<>());
        limiter.acquire();
        String before = schedule("refused");

        assertThatThrownBy(limiter::acquire).isInstanceOf(ApplicationFailure.class);
        assertThatThrownBy(limiter::acquire).isInstanceOf(ApplicationFailure.class);

        assertThat(schedule("refused")).isEqualTo(before);
    }

    @Test
    void bucketsAreIndependent() {
        List<Duration> waits = new ArrayList<>();
        limiter(workerA, "test-mode", 0.001, 1, Duration.ZERO, waits).acquire();

        limiter(workerB, "live-mode", 0.001, 1, Duration.ZERO, waits).acquire();

        assertThat(waits).isEmpty();
    }

    private static StripeRateLimiter limiter(HikariDataSource pool, String bucket, double rate, int burst,
                                             Duration maxWait, List<Duration> waits) {
        Jdbi jdbi = Jdbis.create(pool);
        return new StripeRateLimiter(jdbi, bucket, rate, burst, maxWait, waits::add);
    }

    private static String schedule(String bucket) {
        return Jdbis.create(workerA).withHandle(h -> h.createQuery(
                "SELECT tat::text FROM stripe_rate_limits WHERE bucket = :b").bind("b", bucket).mapTo(String.class).one());
    }
}
