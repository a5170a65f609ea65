package io.accessproof.activities.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.store.DataSources;
import io.accessproof.store.TestPostgres;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProbeRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlProbeIntegrationTest {
    private static final String QUERY =
            "SELECT plan, active, features, deploy_sha FROM app_access WHERE customer_id = :customer_id";
    private static TestPostgres.Database database;
    private static HikariDataSource appDb;

    @BeforeAll
    static void appDatabase() {
        database = TestPostgres.freshDatabase();
        appDb = DataSources.pool("sql-probe-test", database.jdbcUrl(), database.user(), database.password(), 2,
                Duration.ofSeconds(2));
        Jdbi.create(appDb).useHandle(h -> {
            h.execute("CREATE TABLE app_access (customer_id text PRIMARY KEY, plan text, active boolean, "
                    + "features text[], deploy_sha text, feature_list text)");
            h.execute("INSERT INTO app_access VALUES ('cus_pro', 'pro', true, ARRAY['seats','sso'], 'abc1234', 'x, y')");
            h.execute("INSERT INTO app_access VALUES ('cus_off', 'free', false, NULL, NULL, NULL)");
        });
    }

    @AfterAll
    static void drop() {
        appDb.close();
        database.close();
    }

    private static SqlProbe probe(String query, Duration timeout) {
        return new SqlProbe(new SqlProbeConfig(query, timeout), appDb);
    }

    @Test
    void rowFound_readsPlanActiveFeaturesAndSha() {
        Observation o = probe(QUERY, null).observe("cus_pro");

        assertThat(o.reachable()).isTrue();
        assertThat(o.plan()).isEqualTo("pro");
        assertThat(o.active()).isTrue();
        assertThat(o.features()).containsExactly("seats", "sso");
        assertThat(o.deploySha()).isEqualTo("abc1234");
    }

    @Test
    void commaSeparatedFeatures_andNoOptionalColumns() {
        Observation withList = probe("SELECT plan, active, feature_list AS features FROM app_access WHERE customer_id = :customer_id",
                null).observe("cus_pro");
        Observation minimal = probe("SELECT plan, active FROM app_access WHERE customer_id = :customer_id", null).observe("cus_off");

        assertThat(withList.features()).containsExactly("x", "y");
        assertThat(minimal.reachable()).isTrue();
        assertThat(minimal.active()).isFalse();
        assertThat(minimal.plan()).isEqualTo("free");
        assertThat(minimal.features()).isEmpty();
    }

    @Test
    void noRow_meansReachableWithoutAccess() {
        Observation o = probe(QUERY, null).observe("cus_nobody");

        assertThat(o.reachable()).isTrue();
        assertThat(o.active()).isFalse();
        assertThat(o.plan()).isNull();
    }

    @Test
    void slowQuery_hitsStatementTimeout_asUnreachable_andTheConnectionStaysUsable() {
        Observation o = probe("SELECT plan, active FROM app_access, pg_sleep(5) WHERE customer_id = :customer_id",
                Duration.ofMillis(200)).observe("cus_pro");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("57014");
        // the pool has two connections: both still answer with no leftover timeout
        for (int i = 0; i < 3; i++) {
            Observation after = probe("SELECT plan, active FROM app_access, pg_sleep(0.3) WHERE customer_id = :customer_id",
                    Duration.ofSeconds(2)).observe("cus_pro");
            assertThat(after.reachable()).isTrue();
        }
    }

    @Test
    void badSql_isUnreachable_withSqlState() {
        Observation o = probe("SELECT plan, active FROM no_such_table WHERE customer_id = :customer_id", null).observe("cus_pro");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("42P01");
    }

    @Test
    void writingQuery_isRefusedByTheReadOnlyTransaction() {
        Observation o = probe("WITH gone AS (DELETE FROM app_access WHERE customer_id = :customer_id RETURNING plan, active) "
                + "SELECT plan, active FROM gone", null).observe("cus_pro");

        assertThat(o.reachable()).isFalse();
        assertThat(o.detail()).contains("25006");
        assertThat(probe(QUERY, null).observe("cus_pro").active()).isTrue();
    }

    @Test
    void queryWithoutCustomerId_isMisconfiguredAtConstruction() {
        for (String query : List.of("SELECT plan, active FROM app_access", "SELECT plan, active FROM app_access WHERE x = :customer")) {
            assertThatThrownBy(() -> probe(query, null))
                    .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                        assertThat(f.isNonRetryable()).isTrue();
                        assertThat(f.getType()).isEqualTo(FailureType.PROBE_MISCONFIGURED.name());
                    });
        }
    }

    @Test
    void queryWithoutPlanOrActiveColumns_isMisconfigured() {
        assertThatThrownBy(() -> probe("SELECT plan FROM app_access WHERE customer_id = :customer_id", null).observe("cus_pro"))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        f -> assertThat(f.getType()).isEqualTo(FailureType.PROBE_MISCONFIGURED.name()));
    }

    @Test
    void activity_delegatesToTheConfiguredProbe() {
        EntitlementActivitiesImpl activities = new EntitlementActivitiesImpl(probe(QUERY, null));
        Expectation expected = new Expectation(AccessChange.GRANT, "cus_pro", "sub_1", "pro", true, List.of(), "active", "test");

        Observation o = activities.probe(new ProbeRequest("evt_1", "cus_pro", expected));

        assertThat(o.reachable()).isTrue();
        assertThat(o.plan()).isEqualTo("pro");
    }
}
