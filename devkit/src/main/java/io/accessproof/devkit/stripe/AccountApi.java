package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/account}: the account the API key belongs to ({@code acct_emulator}, or the connected
 * account named by {@code Stripe-Account}), with the fields of Stripe's account object a monitor reads.
 */
final class AccountApi {
    static final String PLATFORM = "acct_emulator";

    void routes(Router r) {
        r.get("/v1/account", req -> account(req.account()));
    }

    private static ObjectNode account(String connected) {
        ObjectNode a = Json.object();
        a.put("id", connected == null || connected.isEmpty() ? PLATFORM : connected);
        a.put("object", "account");
        a.putNull("business_profile");
        a.put("business_type", "company");
        a.put("charges_enabled", true);
        a.put("country", "US");
        a.put("created", 1_700_000_000L);
        a.put("default_currency", "usd");
        a.put("details_submitted", true);
        a.putNull("email");
        a.putObject("metadata");
        a.put("payouts_enabled", true);
        a.put("type", "standard");
        return a;
    }
}
