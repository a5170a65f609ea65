package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.StripeSigning;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignatureVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final SignatureVerifier verifier = new SignatureVerifier(List.of("whsec_a", "whsec_b"),
            Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @MethodSource("io.accessproof.server.intake.SignatureVectors#refused")
    void hostileOrSloppyHeader_isRefusedWithItsReason(SignatureVectors.Vector vector) {
        String header = vector.header().build("{}", NOW.getEpochSecond(), "whsec_a");

        assertThat(verifier.refusal(header, "{}")).startsWith(vector.reason());
    }

    @Test
    void reorderedItems_areAccepted() {
        assertThat(verifier.refusal(SignatureVectors.reordered("{}", NOW.getEpochSecond(), "whsec_b"), "{}")).isNull();
    }

    @Test
    void anyConfiguredSecretWithinTolerance_isAccepted() {
        assertThat(verifier.refusal(StripeSigning.header("{}", NOW.getEpochSecond() - 299, "whsec_b"), "{}")).isNull();
        assertThat(verifier.refusal(StripeSigning.header("{}", NOW.getEpochSecond() + 299, "whsec_a"), "{}")).isNull();
    }

    @Test
    void timestampsOutsideTheToleranceInEitherDirection_areRefused() {
        assertThat(verifier.refusal(StripeSigning.header("{}", NOW.getEpochSecond() - 301, "whsec_a"), "{}"))
                .isEqualTo("timestamp outside tolerance");
        assertThat(verifier.refusal(StripeSigning.header("{}", NOW.getEpochSecond() + 301, "whsec_a"), "{}"))
                .isEqualTo("timestamp outside tolerance");
    }

    @Test
    void tamperedPayloadOrUnknownSecretOrBadHeader_isRefused() {
        String header = StripeSigning.header("{\"a\":1}", NOW.getEpochSecond(), "whsec_a");
        assertThat(verifier.refusal(header, "{\"a\":2}")).isEqualTo("no valid signature for any configured secret");
        assertThat(verifier.refusal(StripeSigning.header("{}", NOW.getEpochSecond(), "whsec_c"), "{}"))
                .isEqualTo("no valid signature for any configured secret");
        assertThat(verifier.refusal("v1=abc", "{}")).startsWith("malformed signature header");
        assertThat(verifier.refusal("t=soon,v1=abc", "{}")).startsWith("malformed signature header");
        assertThat(verifier.refusal(null, "{}")).isEqualTo("missing signature header");
    }
}
