package io.accessproof.workflows.outcome;

import io.accessproof.workflows.PayloadConverters;
import io.accessproof.workflows.SearchAttributes;
import io.accessproof.workflows.model.AccessChange;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.Observation;
import io.accessproof.workflows.model.OutcomeInput;
import io.accessproof.workflows.model.ProbeKind;
import io.accessproof.workflows.model.ProvingPolicy;
import io.accessproof.workflows.model.Receipt;
import io.accessproof.workflows.model.StripeEventFacts;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Events, expectations, observations and receipts of one customer, cus_1 on sub_1. */
final class OutcomeFixtures {
    static final String CUSTOMER = "cus_1";
    static final String SUBSCRIPTION = "sub_1";
    static final Duration DEADLINE = Duration.ofMinutes(10);
    static final Duration HORIZON = Duration.ofHours(24);

    private OutcomeFixtures() {
    }

    /** Time skipping, the production data converter, every search attribute registered, mocks added per test. */
    static TestWorkflowExtension extension() {
        TestWorkflowExtension.Builder builder = TestWorkflowExtension.newBuilder()
                .registerWorkflowImplementationTypes(BillingOutcomeWorkflowImpl.class)
                .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                        .setNamespace("UnitTest")
                        .setDataConverter(PayloadConverters.dataConverter())
                        .build())
                .setDoNotStart(true);
        SearchAttributes.ALL.forEach(key -> builder.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        return builder.build();
    }

    static StripeEventFacts facts(String type) {
        return new StripeEventFacts(type, null, false, "subscription", SUBSCRIPTION, CUSTOMER, SUBSCRIPTION,
                1_700_000_000L);
    }

    static ProvingPolicy policy(ProbeKind probe) {
        return new ProvingPolicy(probe, DEADLINE, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30),
                Duration.ofMinutes(10), HORIZON, Duration.ofHours(1));
    }

    static OutcomeInput input(String eventId, String type, ProbeKind probe) {
        return new OutcomeInput(eventId, facts(type), policy(probe));
    }

    static OutcomeInput paid(String eventId) {
        return input(eventId, "customer.subscription.created", ProbeKind.HTTP);
    }

    static Expectation grant(String plan) {
        return new Expectation(AccessChange.GRANT, CUSTOMER, SUBSCRIPTION, plan, true, List.of(), "active",
                "subscription " + SUBSCRIPTION + " is active on " + plan);
    }

    static Expectation revoke() {
        return new Expectation(AccessChange.REVOKE, CUSTOMER, SUBSCRIPTION, null, false, List.of(), "canceled",
                "subscription " + SUBSCRIPTION + " is canceled");
    }

    static Expectation none() {
        return new Expectation(AccessChange.NONE, CUSTOMER, SUBSCRIPTION, null, false, List.of(), "active",
                "invoice.created changes no access");
    }

    static Observation seen(String plan, boolean active) {
        return new Observation(true, plan, active, List.of(), "sha-app-1", 1_700_000_100_000L,
                "GET http://demo/access/" + CUSTOMER + " -> plan=" + plan + " active=" + active);
    }

    static Receipt receipt(String id, String eventId, String status, String reasonCode) {
        return new Receipt(id, eventId, status, reasonCode, "2026-01-01T00:00:00Z", Map.of("grant", "g_1"),
                "sha-receipt-7", CUSTOMER, 1_700_000_050_000L);
    }
}
