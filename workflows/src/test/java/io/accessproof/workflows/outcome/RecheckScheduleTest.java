package io.accessproof.workflows.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProvingPolicy;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RecheckScheduleTest {

    @Test
    void waitsGrowByBackoffUpToTheMaximum() {
        RecheckSchedule schedule = new RecheckSchedule(ProvingPolicy.defaults(ProbeKind.HTTP, Duration.ofMinutes(10)));

        assertThat(Stream.generate(schedule::next).limit(7).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    }

    @Test
    void backoffBelowOne_keepsTheFirstWait() {
        ProvingPolicy flat = new ProvingPolicy(ProbeKind.HTTP, Duration.ofMinutes(10), Duration.ofSeconds(5), 0.5,
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofHours(1));
        RecheckSchedule schedule = new RecheckSchedule(flat);

        assertThat(Stream.generate(schedule::next).limit(3).map(Duration::toSeconds)).containsExactly(5L, 5L, 5L);
    }
}
