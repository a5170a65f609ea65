package io.accessproof.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stripe does not count customers: a running audit's ETA reckons with the last finished audit's count. */
class AuditEtaTest {

    @Test
    void theLastAuditsCountLeft_atTheCurrentRate() {
        assertThat(AuditsResource.eta(2_500, 25.0, 10_000)).isEqualTo(300);
        assertThat(AuditsResource.eta(10_400, 25.0, 10_000)).as("more customers than last time").isZero();
    }

    @Test
    void noLastAuditOrNoRateYet_noEta() {
        assertThat(AuditsResource.eta(100, 25.0, null)).isNull();
        assertThat(AuditsResource.eta(0, null, 10_000)).isNull();
    }
}
