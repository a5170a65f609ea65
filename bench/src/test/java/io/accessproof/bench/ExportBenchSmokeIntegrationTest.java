package io.accessproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The export harness on a few records, so it does not rot; it checks the accounting, never the speed. */
class ExportBenchSmokeIntegrationTest {

    @Test
    void everySeededRecordIsExportedAndVerifies() throws Exception {
        ExportBench.Result result = ExportBench.measure(2_000);

        assertThat(result.lines()).isEqualTo(2_000);
        assertThat(result.verified()).isTrue();
    }
}
