package io.accessproof.activities.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessproof.store.Json;
import io.accessproof.store.TestStore;
import io.accessproof.store.proofs.ProofChain;
import io.accessproof.store.proofs.ProofDao;
import io.accessproof.store.proofs.ProofRow;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.ProofSource;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.RunTransition;
import io.accessproof.workflows.model.StripeEventFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proof records against PostgreSQL: one per verdict, chained per customer, never forked. */
class ProofRecordsIntegrationTest {
    private static final long T = 1_780_000_000L;

    private static TestStore database;
    private static Jdbi jdbi;
    private static RunStoreActivitiesImpl store;

    @BeforeAll
    static void database() {
        database = TestStore.open(10);
        jdbi = database.jdbi();
        store = new RunStoreActivitiesImpl(jdbi);
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void aVerdictAppendsOneRecord_notesAndRetriesNone_aLateProofChainsAnother() {
        store.record(step("evt_p1", "cus_p", 1, RunState.ACCEPTED, null, null, null));
        store.record(step("evt_p1", "cus_p", 2, RunState.PROVING, pro("cus_p"), null, null));
        store.record(step("evt_p1", "cus_p", 3, RunState.INCIDENT, pro("cus_p"), seen("free"), null));
        store.record(step("evt_p1", "cus_p", 3, RunState.INCIDENT, pro("cus_p"), seen("free"), null));
        store.record(step("evt_p1", "cus_p", 4, RunState.INCIDENT, pro("cus_p"), seen("free"), null));
        store.record(step("evt_p1", "cus_p", 5, RunState.PROVEN_LATE, pro("cus_p"), seen("pro"), ProofSource.PROBE));

        List<ProofRow> rows = proofs().forRun("evt_p1");

        assertThat(rows).extracting(ProofRow::verdict).containsExactly("incident", "proven_late");
        assertThat(rows.get(0).prevSha256()).isNull();
        assertThat(rows.get(1).prevSha256()).isEqualTo(rows.get(0).sha256());
        assertThat(rows).allMatch(r -> ProofChain.hash(r.prevSha256(), r.record()).equals(r.sha256()));
        JsonNode late = Json.read(rows.get(1).record(), JsonNode.class);
        assertThat(late.path("expected").path("plan").asText()).isEqualTo("pro");
        assertThat(late.path("observed").path("plan").asText()).isEqualTo("pro");
        assertThat(late.path("proof_source").asText()).isEqualTo("probe");
        assertThat(late.path("deploy_sha").asText()).isEqualTo("sha-1");
        assertThat(late.path("stripe_api_version").asText()).isNotBlank();
        assertThat(rows.get(1).record()).doesNotContain("@").doesNotContain("detail");
    }

    @Test
    void runsOfOneCustomerShareAChain_anotherCustomerStartsItsOwn() {
        store.record(step("evt_q1", "cus_q", 1, RunState.PROVEN, pro("cus_q"), seen("pro"), ProofSource.PROBE));
        store.record(step("evt_q2", "cus_q", 1, RunState.PROVEN, pro("cus_q"), seen("pro"), ProofSource.PROBE));
        store.record(step("evt_r1", "cus_r", 1, RunState.PROVEN, pro("cus_r"), seen("pro"), ProofSource.PROBE));

        ProofRow first = proofs().forRun("evt_q1").get(0);
        assertThat(proofs().forRun("evt_q2").get(0).prevSha256()).isEqualTo(first.sha256());
        assertThat(proofs().forRun("evt_r1").get(0).prevSha256()).isNull();
    }

    @Test
    void concurrentVerdictsOfOneCustomer_makeOneChainWithoutAFork() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String eventId = "evt_c" + i;
            done.add(writers.submit(() -> store.record(
                    step(eventId, "cus_c", 1, RunState.PROVEN, pro("cus_c"), seen("pro"), ProofSource.PROBE))));
        }
        for (Future<?> f : done) {
            f.get();
        }
        writers.shutdown();

        List<ProofRow> chain = jdbi.withHandle(h -> h.createQuery("SELECT " + ProofDao.COLUMNS
                + " FROM proof_records WHERE customer_id = 'cus_c' ORDER BY seq").map(ConstructorMapper.of(ProofRow.class)).list());
        assertThat(chain).hasSize(40);
        Set<String> prevs = new HashSet<>();
        for (int i = 0; i < chain.size(); i++) {
            assertThat(chain.get(i).prevSha256()).isEqualTo(i == 0 ? null : chain.get(i - 1).sha256());
            assertThat(prevs.add(String.valueOf(chain.get(i).prevSha256()))).as("no two records share a parent").isTrue();
        }
    }

    private static ProofDao proofs() {
        return jdbi.onDemand(ProofDao.class);
    }

    private static Expectation pro(String customer) {
        return new Expectation(AccessChange.GRANT, customer, "sub_" + customer, "pro", true, List.of("export"),
                "active", "subscription active on pro");
    }

    private static Observation seen(String plan) {
        return new Observation(true, plan, true, List.of("export"), "sha-1", T * 1000, "GET http://app/u/ada@example.com");
    }

    private static RunTransition step(String eventId, String customer, int step, RunState state, Expectation expected,
                                      Observation observed, ProofSource source) {
        StripeEventFacts event = new StripeEventFacts("customer.subscription.created", null, false, "subscription",
                "sub_" + customer, customer, "sub_" + customer, T);
        return new RunTransition(eventId, step, state, event, expected, observed, source, "step " + step,
                T * 1000 + step);
    }
}
