package io.accessproof.workflows;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes every run upserts (ids only, never amounts or emails), so Temporal UI can
 * filter runs. A server must register all of {@link #ALL} as Keyword before the first run starts:
 * upserting an unregistered attribute fails every workflow task and the run hangs.
 */
public final class SearchAttributes {
    public static final SearchAttributeKey<String> STRIPE_EVENT_TYPE = SearchAttributeKey.forKeyword("StripeEventType");
    public static final SearchAttributeKey<String> STRIPE_CUSTOMER_ID = SearchAttributeKey.forKeyword("StripeCustomerId");
    public static final SearchAttributeKey<String> STRIPE_SUBSCRIPTION_ID =
            SearchAttributeKey.forKeyword("StripeSubscriptionId");
    /** The run's state by its wire name: accepted, proving, proven, incident, … */
    public static final SearchAttributeKey<String> OUTCOME_STATE = SearchAttributeKey.forKeyword("OutcomeState");
    public static final SearchAttributeKey<String> EXPECTED_PLAN = SearchAttributeKey.forKeyword("ExpectedPlan");

    public static final List<SearchAttributeKey<String>> ALL = List.of(
            STRIPE_EVENT_TYPE, STRIPE_CUSTOMER_ID, STRIPE_SUBSCRIPTION_ID, OUTCOME_STATE, EXPECTED_PLAN);

    private SearchAttributes() {
    }
}
