package io.accessproof.workflows.outcome;

import io.accessproof.workflows.SearchAttributes;
import io.accessproof.workflows.model.Expectation;
import io.accessproof.workflows.model.RunState;
import io.accessproof.workflows.model.StripeEventFacts;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Upserts the run's search attributes as they become known; only changed values make a command. */
final class RunAttributes {
    private final Map<String, String> current = new HashMap<>();
    private final List<SearchAttributeUpdate<?>> pending = new ArrayList<>();

    void event(StripeEventFacts event) {
        put(SearchAttributes.STRIPE_EVENT_TYPE, event.type())
                .put(SearchAttributes.STRIPE_CUSTOMER_ID, event.customerId())
                .put(SearchAttributes.STRIPE_SUBSCRIPTION_ID, event.subscriptionId())
                .flush();
    }

    void expectation(Expectation expected) {
        put(SearchAttributes.EXPECTED_PLAN, expected.plan())
                .put(SearchAttributes.STRIPE_CUSTOMER_ID, expected.customerId())
                .put(SearchAttributes.STRIPE_SUBSCRIPTION_ID, expected.subscriptionId())
                .flush();
    }

    void state(RunState state) {
        put(SearchAttributes.OUTCOME_STATE, state.wire()).flush();
    }

    private RunAttributes put(SearchAttributeKey<String> key, String value) {
        // A known id is never unset by a later source that lacks it.
        if (value != null && !value.equals(current.get(key.getName()))) {
            current.put(key.getName(), value);
            pending.add(key.valueSet(value));
        }
        return this;
    }

    private void flush() {
        if (!pending.isEmpty()) {
            Workflow.upsertTypedSearchAttributes(pending.toArray(new SearchAttributeUpdate<?>[0]));
            pending.clear();
        }
    }
}
