package io.accessproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tiny time-to-proof run on the dev stack. Asserts accounting and presence of the figures, never speed. */
class ProofBenchSmokeIntegrationTest {

    @Test
    void tinyRun_everyEventAcceptedStoredAndProven_andBothTablesPrint() throws Exception {
        Stats.quietLogging();
        ProofBench.Options options = new ProofBench.Options("rates", List.of(5.0), Duration.ofSeconds(1), 1, 5,
                Duration.ofSeconds(1), 50, 5, 100, Duration.ofSeconds(60), "probe", Duration.ZERO);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        List<ProofBench.Proof> runs = ProofBench.run(options, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(runs).hasSize(1);
        ProofBench.Proof run = runs.get(0);
        assertThat(run.ack().ledger().valid()).as(run.summary()).isTrue();
        assertThat(run.ack().ledger().ok()).as(run.summary()).isEqualTo(run.ack().ledger().sentCount());
        assertThat(run.proven()).as(run.summary()).isEqualTo(run.ack().ledger().sentCount());
        assertThat(run.proofSources()).as(run.summary()).containsOnlyKeys("probe");
        assertThat(run.ttp(99)).isNotNaN();
        assertThat(run.peakHeapMb()).isPositive();
        assertThat(ProofBench.ratesTable(runs, options)).contains("| 5/s | 5 |");
        assertThat(ProofBench.burstTable(runs, options)).contains("peak RSS");
    }

    @Test
    void receiptScenario_theBenchPlaysTheApp_andEveryRunIsProvenByItsReceipt() throws Exception {
        Stats.quietLogging();
        ProofBench.Options options = new ProofBench.Options("rates", List.of(5.0), Duration.ofSeconds(1), 1, 5,
                Duration.ofSeconds(1), 50, 5, 100, Duration.ofSeconds(60), "receipt", Duration.ofMillis(50));

        List<ProofBench.Proof> runs = ProofBench.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        ProofBench.Proof run = runs.get(0);
        assertThat(run.ack().ledger().valid()).as(run.summary()).isTrue();
        assertThat(run.proven()).as(run.summary()).isEqualTo(run.ack().ledger().sentCount());
        assertThat(run.proofSources()).as(run.summary()).containsOnlyKeys("receipt");
        assertThat(run.receipts()).as(run.summary()).startsWith("receipts: sent 5 = 2xx 5 + refused 0 + failed 0");
    }
}
