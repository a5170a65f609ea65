package io.accessproof.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.store.TestStore;
import io.accessproof.store.audits.AuditDao;
import io.accessproof.workflows.audit.AuditInput;
import io.accessproof.workflows.audit.AuditPage;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A cancelled audit's next page does nothing: no Stripe read, no probe, no count, and says so. */
class AuditCancelledIntegrationTest {

    @Test
    void cancelledThroughItsRow_theNextPageStopsTheAudit() {
        try (TestStore store = TestStore.open(2)) {
            Jdbi jdbi = store.jdbi();
            AuditDao audits = jdbi.onDemand(AuditDao.class);
            audits.create("aud_c", true, false);
            boolean cancelled = audits.cancel("aud_c");
            boolean again = audits.cancel("aud_c");
            // No Stripe client, rate limiter or probe: a cancelled audit must not reach for them.
            AuditActivitiesImpl activities = new AuditActivitiesImpl(jdbi, null, null, null, null, null, null, null,
                    "test", Clock.systemUTC(), 1);

            AuditPage page = activities.nextPage(new AuditInput("aud_c", true));

            assertThat(cancelled).isTrue();
            assertThat(again).as("only a running audit is cancelled").isFalse();
            assertThat(page.cancelled()).isTrue();
            assertThat(page.finished()).isFalse();
            int pages = jdbi.withHandle(h -> h.createQuery("SELECT pages FROM audits WHERE audit_id = 'aud_c'")
                    .mapTo(Integer.class).one());
            assertThat(pages).isZero();
        }
    }
}
