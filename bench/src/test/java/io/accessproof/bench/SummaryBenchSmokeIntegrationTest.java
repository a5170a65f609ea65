package io.accessproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary harness on a small table, so it does not rot; it checks the summary's total, never its speed. */
class SummaryBenchSmokeIntegrationTest {

    @Test
    void smallTable_theSummaryCountsEveryRun() throws Exception {
        SummaryBench.Result result = SummaryBench.measure(2_000, 5);

        assertThat(result.p50()).isPositive();
        assertThat(result.formerScan()).isPositive();
    }
}
