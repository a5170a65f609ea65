package io.accessproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit harness on a few hundred customers (three pages), so it does not rot; never its speed. */
class AuditBenchSmokeIntegrationTest {

    @Test
    void aFewPages_theAuditNamesExactlyTheSeededWrongCustomers() throws Exception {
        AuditBench.Result result = AuditBench.run(250, 0.04, 0.2, 1000);

        assertThat(result.customers()).as("the seeded customers and the demo catalogue's three").isEqualTo(253);
        assertThat(result.foundWrong()).isEqualTo(result.expectedWrong()).hasSize(10);
        assertThat(result.stripeReads()).as("a customer page per hundred, one subscription read per customer")
                .isBetween(250L, 260L);
    }
}
