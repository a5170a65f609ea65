package io.accessproof.activities.reconcile;

import java.util.Map;

/**
 * Configured plan names for Stripe prices. A plan is resolved from a price, first match wins:
 * <ol>
 *   <li>the price's {@code lookup_key}, when {@link #lookupKeys()} maps it;</li>
 *   <li>the product's {@code metadata.plan};</li>
 *   <li>the price's {@code metadata.plan};</li>
 *   <li>the price id, when {@link #prices()} maps it;</li>
 *   <li>the price's {@code lookup_key} itself;</li>
 *   <li>otherwise no plan (null).</li>
 * </ol>
 * In the dev catalogue (lookup keys {@code pro_monthly}, product metadata {@code plan=pro}) rule 2
 * yields {@code pro} with an empty mapping.
 *
 * @param lookupKeys price {@code lookup_key} → plan name
 * @param prices     price id → plan name
 */
public record PlanMapping(Map<String, String> lookupKeys, Map<String, String> prices) {

    public PlanMapping {
        lookupKeys = lookupKeys == null ? Map.of() : Map.copyOf(lookupKeys);
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }

    public static PlanMapping empty() {
        return new PlanMapping(Map.of(), Map.of());
    }

    /**
     * @param productPlan {@code metadata.plan} of the price's product, or null (product not expanded or no metadata)
     * @param pricePlan   {@code metadata.plan} of the price, or null
     * @return the plan name, or null when none of the rules apply
     */
    public String resolve(String priceId, String lookupKey, String productPlan, String pricePlan) {
        if (notBlank(lookupKey) && lookupKeys.containsKey(lookupKey)) {
            return lookupKeys.get(lookupKey);
        }
        if (notBlank(productPlan)) {
            return productPlan;
        }
        if (notBlank(pricePlan)) {
            return pricePlan;
        }
        if (notBlank(priceId) && prices.containsKey(priceId)) {
            return prices.get(priceId);
        }
        return notBlank(lookupKey) ? lookupKey : null;
    }

    /** True when the plan comes from configuration or metadata, not from the lookup key fallback. */
    boolean resolvesExplicitly(String priceId, String lookupKey, String productPlan, String pricePlan) {
        return (notBlank(lookupKey) && lookupKeys.containsKey(lookupKey)) || notBlank(productPlan)
                || notBlank(pricePlan) || (notBlank(priceId) && prices.containsKey(priceId));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
