package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedrivePaceTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void handsOverAtItsRate_savesUpToItsBurst_andNeverMoreThanWanted() {
        AtomicLong clock = new AtomicLong();
        RedrivePace pace = new RedrivePace(20, 50, clock::get);

        assertThat(pace.take(50)).as("nothing saved at the start").isZero();
        clock.addAndGet(SECOND);
        assertThat(pace.take(50)).isEqualTo(20);
        assertThat(pace.take(50)).as("taken").isZero();
        clock.addAndGet(10 * SECOND);
        assertThat(pace.take(100)).as("capped at the burst").isEqualTo(50);
        clock.addAndGet(SECOND);
        assertThat(pace.take(5)).isEqualTo(5);
        assertThat(pace.take(50)).as("the rest of that second").isEqualTo(15);
    }
}
