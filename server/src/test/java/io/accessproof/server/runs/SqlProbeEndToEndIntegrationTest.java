package io.accessproof.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.DevStack;
import io.accessproof.server.support.Eventually;
import io.dropwizard.testing.ConfigOverride;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL probe reads the demo app's own table, on a datasource of its own, and proves the run. */
class SqlProbeEndToEndIntegrationTest {

    @Test
    void subscriptionPaidInTheEmulator_endsProvenThroughTheSqlProbe() throws Exception {
        try (DevStack stack = DevStack.start(db -> List.of(
                ConfigOverride.config("proving.probe", "SQL"),
                // The demo app keeps its accounts in its own schema of the same database.
                ConfigOverride.config("proving.sql.url", db.jdbcUrl()),
                ConfigOverride.config("proving.sql.user", db.user()),
                ConfigOverride.config("proving.sql.password", db.password() == null ? "" : db.password()),
                ConfigOverride.config("proving.sql.query",
                        "SELECT plan, active FROM " + DevStack.DEMO_SCHEMA + ".accounts WHERE customer_id = :customer_id")))) {
            String customer = stack.newCustomer();

            stack.subscribe(customer, "team_monthly");

            Eventually.await(Duration.ofSeconds(30), "run proven by the SQL probe",
                    () -> stack.runState(customer, "customer.subscription.created").filter("proven"::equals).isPresent());
            String observedPlan = stack.jdbi().withHandle(h -> h.createQuery("SELECT r.observed ->> 'plan' FROM runs r "
                            + "JOIN stripe_events e USING (event_id) WHERE r.customer_id = :c AND e.type = 'customer.subscription.created'")
                    .bind("c", customer).mapTo(String.class).one());
            assertThat(observedPlan).isEqualTo("team");
        }
    }
}
