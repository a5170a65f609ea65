package io.accessproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The restart harness on a small history, so it does not rot. Asserts its accounting, never its speed. */
class RestartBenchSmokeIntegrationTest {

    @Test
    void smallHistory_onlyRunsInsideTheirHorizonAreRedriven_andTheNewWebhooksRunStarts() throws Exception {
        RestartBench.Result result = RestartBench.once(2_000, 20);

        assertThat(result.redriven()).as("the 20 proving runs inside their horizon, none of the 1,980 others")
                .isEqualTo(20);
        assertThat(result.firstRunSeconds()).isPositive();
        assertThat(result.startupSeconds()).isPositive();
    }
}
