package io.accessproof.server.temporal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemporalConnectionTest {

    @Test
    void productionBuild_refusesAnEmbeddedTemporal_sayingWhatToDoInstead() {
        TemporalConfig config = new TemporalConfig();
        config.embedded = true;

        assertThatThrownBy(() -> TemporalConnection.open(config, LocalTemporal.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("temporal.embedded")
                .hasMessageContaining("./accessproof dev")
                .hasMessageContaining("temporal.target");
    }
}
