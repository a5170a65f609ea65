package io.accessproof.server.cli;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Price;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCreateParams;
import java.util.List;

/** What the drill pays for, through stripe-java exactly as against Stripe, sent to the emulator. */
final class EmulatorBilling {
    private final StripeClient stripe;
    private final String base;

    EmulatorBilling(String apiBase, String apiKey) {
        this.base = apiBase;
        this.stripe = StripeClient.builder().setApiKey(apiKey).setApiBase(apiBase).build();
    }

    String newCustomer(String email) {
        try {
            return stripe.customers().create(CustomerCreateParams.builder().setEmail(email)
                    .putMetadata("accessproof_drill", "true").build()).getId();
        } catch (StripeException e) {
            throw failed("create a customer", e);
        }
    }

    /** Subscribes the customer to the price with this lookup key; returns the subscription id. */
    String subscribe(String customerId, String lookupKey) {
        try {
            List<Price> prices = stripe.prices().list(PriceListParams.builder().addLookupKey(lookupKey).build())
                    .getData();
            if (prices.isEmpty()) {
                throw new DrillFailed("the Stripe API at " + base + " has no price with lookup key " + lookupKey);
            }
            return stripe.subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customerId)
                    .addItem(SubscriptionCreateParams.Item.builder().setPrice(prices.get(0).getId()).build())
                    .build()).getId();
        } catch (StripeException e) {
            throw failed("subscribe " + customerId + " to " + lookupKey, e);
        }
    }

    void cancel(String subscriptionId) {
        try {
            stripe.subscriptions().cancel(subscriptionId);
        } catch (StripeException e) {
            throw failed("cancel " + subscriptionId, e);
        }
    }

    private DrillFailed failed(String what, StripeException e) {
        return new DrillFailed("could not " + what + " in the Stripe API at " + base + ": " + e.getMessage());
    }
}
