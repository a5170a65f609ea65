package io.accessproof.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProvingPolicy;
import io.accessproof.workflows.model.ReceiptAnswer;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import com.google.protobuf.ByteString;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PayloadConvertersTest {
    private final DataConverter converter = PayloadConverters.dataConverter();

    @Test
    void unknownPropertyInAnOldPayload_isIgnored() {
        Payload payload = converter.toPayload(new ReceiptAnswer("evt_1", "rcp_1", true, "proving")).orElseThrow();
        String json = payload.getData().toStringUtf8().replace("{", "{\"removedLater\":42,");
        Payload widened = payload.toBuilder().setData(ByteString.copyFromUtf8(json)).build();

        ReceiptAnswer answer = converter.fromPayload(widened, ReceiptAnswer.class, ReceiptAnswer.class);

        assertThat(answer).isEqualTo(new ReceiptAnswer("evt_1", "rcp_1", true, "proving"));
    }

    @Test
    void javaTimeValues_roundTrip() {
        ProvingPolicy policy = ProvingPolicy.defaults(ProbeKind.SQL, Duration.ofMinutes(15));
        Payload payload = converter.toPayload(policy).orElseThrow();

        assertThat(converter.fromPayload(payload, ProvingPolicy.class, ProvingPolicy.class)).isEqualTo(policy);
    }
}
