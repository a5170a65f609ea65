package io.accessproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sweep harness over a few pages, so it does not rot: it finds exactly the missing events; never its speed. */
class SweepBenchSmokeIntegrationTest {

    @Test
    void aFewPages_findsExactlyTheMissingEvents() throws Exception {
        SweepBench.Result result = SweepBench.run(290, 10, 1000);

        assertThat(result.listed()).isEqualTo(300);
        assertThat(result.dispatched()).isEqualTo(10);
        assertThat(result.alreadyStored()).isEqualTo(290);
        assertThat(result.pages()).isEqualTo(3);
    }
}
