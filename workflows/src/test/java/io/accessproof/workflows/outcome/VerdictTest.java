package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.grant;
import static io.accessproof.workflows.outcome.OutcomeFixtures.revoke;
import static io.accessproof.workflows.outcome.OutcomeFixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProofSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void grant_needsActiveAccessOnTheExpectedPlan() {
        assertThat(Verdict.mismatch(grant("pro"), seen("pro", true))).isNull();
        assertThat(Verdict.mismatch(grant("pro"), seen("free", true))).isEqualTo("plan_mismatch");
        assertThat(Verdict.mismatch(grant("pro"), seen("pro", false))).isEqualTo("access_not_active");
        assertThat(Verdict.mismatch(grant("pro"), unreachable())).isEqualTo("app_unreachable");
        assertThat(Verdict.mismatch(grant("pro"), null)).isEqualTo("not_probed");
        assertThat(Verdict.mismatch(null, seen("pro", true))).isEqualTo("stripe_unavailable");
    }

    @Test
    void grantWithFeatures_needsEveryExpectedFeature() {
        Expectation withFeatures = new Expectation(AccessChange.GRANT, "cus_1", "sub_1", "pro", true,
                List.of("export", "sso"), "active", "pro with features");
        assertThat(Verdict.matches(withFeatures, observed(List.of("sso", "export", "api")))).isTrue();
        assertThat(Verdict.mismatch(withFeatures, observed(List.of("export")))).isEqualTo("features_missing");
    }

    @Test
    void grantWithSeats_needsTheSeatsPaidFor_whenTheProbeReadsSeats() {
        Expectation tenSeats = grant("team").withSeats(10);
        Observation base = seen("team", true);

        assertThat(Verdict.mismatch(tenSeats, withSeats(base, 10))).isNull();
        assertThat(Verdict.mismatch(tenSeats, withSeats(base, 1))).isEqualTo("seats_mismatch");
        assertThat(Verdict.mismatch(tenSeats, base)).as("a probe that reads no seats judges none").isNull();
        assertThat(Verdict.kindAtDeadline(ProbeKind.HTTP, tenSeats, withSeats(base, 1), false, null))
                .isEqualTo(IncidentKind.SEATS_MISMATCH);
        assertThat(Verdict.kindAtDeadline(ProbeKind.HTTP, tenSeats, seen("pro", true), false, null))
                .as("the wrong plan is not a seat count").isEqualTo(IncidentKind.ACCESS_NOT_GRANTED);
    }

    private static Observation withSeats(Observation o, int seats) {
        return new Observation(o.reachable(), o.plan(), o.active(), o.features(), o.deploySha(), o.observedAtMillis(),
                o.detail(), seats);
    }

    @Test
    void revoke_needsInactiveAccessWhateverThePlan() {
        assertThat(Verdict.matches(revoke(), seen("pro", false))).isTrue();
        assertThat(Verdict.mismatch(revoke(), seen("pro", true))).isEqualTo("access_still_active");
        assertThat(Verdict.matches(revoke(), unreachable())).isFalse();
    }

    @Test
    void proofSource_dependsOnProbeModeAndReceipts() {
        assertThat(Verdict.proof(ProbeKind.HTTP, grant("pro"), seen("pro", true), false)).isEqualTo(ProofSource.PROBE);
        assertThat(Verdict.proof(ProbeKind.SQL, grant("pro"), seen("pro", true), true)).isEqualTo(ProofSource.BOTH);
        assertThat(Verdict.proof(ProbeKind.HTTP, grant("pro"), seen("free", true), true)).isNull();
        assertThat(Verdict.proof(ProbeKind.RECEIPT, grant("pro"), null, true)).isEqualTo(ProofSource.RECEIPT);
        assertThat(Verdict.proof(ProbeKind.RECEIPT, grant("pro"), null, false)).isNull();
    }

    private static Observation observed(List<String> features) {
        return new Observation(true, "pro", true, features, "sha", 1L, "sql");
    }

    private static Observation unreachable() {
        return new Observation(false, null, false, List.of(), null, 1L, "timeout");
    }
}
