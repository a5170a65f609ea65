package io.accessproof.server.temporal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessproof.server.tracing.Tracing;
import org.junit.jupiter.api.Test;

class TemporalConnectionTest {

    @Test
    void productionBuild_refusesAnEmbeddedTemporal_sayingWhatToDoInstead() {
        TemporalConfig config = new TemporalConfig();
        config.embedded = true;

        assertThatThrownBy(() -> TemporalConnection.open(config, LocalTemporal.NONE, Tracing.OFF))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("temporal.embedded")
                .hasMessageContaining("./accessproof dev")
                .hasMessageContaining("temporal.target");
    }
}
