package io.accessproof.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsIntegrationTest {

    @Test
    void emptyDatabase_getsTheWholeSchema_andASecondRunChangesNothing() {
        try (TestPostgres.Database db = TestPostgres.freshDatabase();
             HikariDataSource ds = DataSources.pool("test", db.jdbcUrl(), db.user(), db.password(), 2, Duration.ofSeconds(2))) {
            assertThat(Migrations.migrate(ds)).isGreaterThanOrEqualTo(1);
            assertThat(Migrations.migrate(ds)).isZero();

            List<String> tables = Jdbis.create(ds).withHandle(h -> h.createQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                    .mapTo(String.class).list());
            assertThat(tables).contains("stripe_events", "subscriptions", "runs", "run_timeline", "receipts",
                    "incidents", "audit_log");
        }
    }
}
