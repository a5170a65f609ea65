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

    @Test
    void warmup_comesFirstAtTheSameRate_andShiftsTheMeasuredRequests() {
        Schedule s = Schedule.constant(100, Duration.ofSeconds(10)).withWarmup(Duration.ofSeconds(2));

        assertThat(s.warmups()).isEqualTo(200);
        assertThat(s.size()).isEqualTo(1200);
        assertThat(s.offsetNanos(199)).isLessThan(2_000_000_000L);
        assertThat(s.offsetNanos(200)).isEqualTo(2_000_000_000L);
        assertThat(s.offsetNanos(201) - s.offsetNanos(200)).isEqualTo(10_000_000);
        assertThat(Schedule.burst(50, Duration.ZERO).withWarmup(Duration.ofSeconds(2)).warmups())
                .as("a burst at once warms up at 10/s").isEqualTo(20);
        assertThat(Schedule.constant(100, Duration.ofSeconds(1)).withWarmup(Duration.ZERO).warmups()).isZero();
    }
}
