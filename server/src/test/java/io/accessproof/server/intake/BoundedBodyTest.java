package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void bodyWithinLimitAndDeadline_isReturnedWhole_overTheLimit_isNull() throws Exception {
        byte[] body = "{\"id\":\"evt_1\"}".getBytes();

        assertThat(BoundedBody.read(new ByteArrayInputStream(body), 100, Duration.ofSeconds(10))).isEqualTo(body);
        assertThat(BoundedBody.read(new ByteArrayInputStream(body), 5, Duration.ofSeconds(10))).isNull();
    }

    @Test
    void bodyStillArrivingPastTheDeadline_isTooSlow() {
        assertThatThrownBy(() -> BoundedBody.read(new ByteArrayInputStream(new byte[10]), 100, Duration.ZERO))
                .isInstanceOf(BoundedBody.TooSlow.class)
                .hasMessage("request body not received within 0 s");
    }
}
