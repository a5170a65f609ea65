package io.accessproof.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code audit.every}: audits start on their own, one per period, and are not dry runs. */
class ScheduledAuditIntegrationTest {

    @Test
    void anAuditEveryPeriod_startsByItself_andFinishes() throws Exception {
        try (DevStack stack = DevStack.start(ConfigOverride.config("audit.every", "3s"),
                ConfigOverride.config("audit.resumeEvery", "500ms"))) {
            Map<String, Object> audit = Eventually.await(Duration.ofSeconds(20), "a scheduled audit done",
                    () -> stack.jdbi().withHandle(h -> h.createQuery("SELECT audit_id, dry_run, scheduled FROM audits "
                            + "WHERE status = 'done'").mapToMap().findFirst().orElse(null)));

            assertThat(audit).containsEntry("scheduled", true).containsEntry("dry_run", false);
            assertThat((String) audit.get("audit_id")).startsWith("scheduled-");
        }
    }
}
