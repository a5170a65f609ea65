package io.accessproof.devkit.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void constantRate_spacesRequestsEvenlyOverTheDuration() {
        Schedule s = Schedule.constant(200, Duration.ofSeconds(10));

        assertThat(s.size()).isEqualTo(2000);
        assertThat(s.offsetNanos(1) - s.offsetNanos(0)).isEqualTo(5_000_000);
        assertThat(s.span()).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void burst_spreadsTheCountOverTheWindow_orSendsAllAtOnce() {
        assertThat(Schedule.burst(2000, Duration.ofSeconds(10)).offsetNanos(1999)).isEqualTo(9_995_000_000L);
        assertThat(Schedule.burst(5, Duration.ZERO).span()).isEqualTo(Duration.ZERO);
    }
}
