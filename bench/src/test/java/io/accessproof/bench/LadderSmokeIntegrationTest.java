package io.accessproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A few seconds of the ladder at tiny rates, so the harness does not rot. Asserts accounting, never speed. */
class LadderSmokeIntegrationTest {

    @Test
    void tinyLadder_everyRungMeasured_andEveryLedgerBalances() throws Exception {
        Ladder.Options tiny = new Ladder.Options(1, 20, Duration.ofMillis(500), 30, 4, Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        List<Ladder.Measured> all = Ladder.run(tiny, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(all).hasSize(Ladder.Rung.values().length * Ladder.Mode.values().length);
        for (Ladder.Measured m : all) {
            assertThat(m.result().ledger().valid()).as(m.result().summary()).isTrue();
            assertThat(m.result().ledger().ok()).as(m.result().summary()).isEqualTo(m.result().ledger().sentCount());
            assertThat(m.result().acceptedPerSecond()).isPositive();
            assertThat(m.result().percentileMillis(99)).isNotNaN();
        }
        assertThat(all.stream().filter(m -> m.rung() == Ladder.Rung.FULL || m.rung() == Ladder.Rung.INSERT))
                .allMatch(m -> m.result().ledger().storeChecked());
        assertThat(Ladder.table(all, tiny)).contains("full intake", "insert", "vs insert-only");
    }
}
