package io.accessproof.activities.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.net.ApiResource;
import com.stripe.net.RawRequestOptions;
import com.stripe.net.StripeResponse;
import io.accessproof.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * GETs against Stripe's API through stripe-java's raw request (auth, retries, error mapping, the
 * {@code Stripe-Account} header), parsed as plain JSON: stripe-java's models are pinned to one API
 * version while objects come in many, so fields are read defensively from the tree.
 * Every request takes a permit from the shared {@link StripeRateLimiter}.
 */
public final class StripeReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE_LIMIT = 100;
    /** A runaway {@code has_more} loop stops here. */
    private static final int MAX_PAGES = 1000;

    private final StripeClient client;
    private final StripeRateLimiter limiter;
    private final String account;
    private final String keyMode;
    private final Boolean eventLivemode;

    /**
     * @param keyMode       the key's mode ({@link StripeKeys#modeOf}), named when Stripe shows it no such object
     * @param eventLivemode the mode of the event being reconciled, or null when there is none
     */
    public StripeReader(StripeClient client, StripeRateLimiter limiter, String account, String keyMode,
                        Boolean eventLivemode) {
        this.client = client;
        this.limiter = limiter;
        this.account = account == null || account.isBlank() ? null : account;
        this.keyMode = keyMode;
        this.eventLivemode = eventLivemode;
    }

    /** GET {@code path} ({@code /v1/…}) with query parameters; a list value repeats the key with {@code []}. */
    public JsonNode get(String path, Map<String, ?> query, String objectId) {
        String url = path + queryString(query);
        RawRequestOptions.RawRequestOptionsBuilder options = RawRequestOptions.builder();
        if (account != null) {
            options.setStripeAccount(account);
        }
        limiter.acquire();
        StripeResponse response;
        try {
            response = client.rawRequest(ApiResource.RequestMethod.GET, url, null, options.build());
        } catch (StripeException e) {
            ApplicationFailure failure = StripeFailures.toFailure(e, objectId, readBy());
            if (FailureType.STRIPE_KEY_REFUSED.name().equals(failure.getType())) {
                limiter.keyRefused();
            } else if (e.getStatusCode() != null && e.getStatusCode() < 500 && e.getStatusCode() != 429) {
                limiter.keyAccepted(); // Stripe read the key, whatever it thought of the request
            }
            throw failure;
        }
        limiter.keyAccepted();
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw ApplicationFailure.newFailure("Stripe answered unreadable JSON for " + objectId
                    + " (request " + response.requestId() + ")", "StripeMalformedResponse");
        }
    }

    /** "a test-mode key on the platform account, for a live-mode event": what a 404 must name. */
    private String readBy() {
        return "a " + keyMode + "-mode key on " + (account == null ? "the platform account" : "connected account " + account)
                + (eventLivemode == null ? "" : ", for a " + (eventLivemode ? "live" : "test") + "-mode event");
    }

    /** Every element of a Stripe list endpoint, following {@code has_more} with {@code starting_after}. */
    List<JsonNode> listAll(String path, Map<String, ?> query, String objectId) {
        List<JsonNode> all = new ArrayList<>();
        forEachPage(path, query, objectId, data -> data.forEach(all::add));
        return all;
    }

    /** Hands each page's {@code data} of a Stripe list endpoint to {@code onPage}, one page in memory at a time. */
    public void forEachPage(String path, Map<String, ?> query, String objectId, Consumer<JsonNode> onPage) {
        forEachPage(path, query, objectId, MAX_PAGES, onPage);
    }

    /** As {@link #forEachPage(String, Map, String, Consumer)}, for lists that may run to {@code maxPages} pages. */
    public void forEachPage(String path, Map<String, ?> query, String objectId, int maxPages, Consumer<JsonNode> onPage) {
        String startingAfter = null;
        for (int page = 0; page < maxPages; page++) {
            Map<String, Object> q = new java.util.LinkedHashMap<>(query);
            q.put("limit", PAGE_LIMIT);
            if (startingAfter != null) {
                q.put("starting_after", startingAfter);
            }
            JsonNode list = get(path, q, objectId);
            JsonNode data = list.path("data");
            onPage.accept(data);
            if (!list.path("has_more").asBoolean(false) || data.isEmpty()) {
                return;
            }
            startingAfter = data.get(data.size() - 1).path("id").asText(null);
            if (startingAfter == null) {
                return;
            }
        }
        throw ApplicationFailure.newNonRetryableFailure(
                "Stripe list " + path + " for " + objectId + " did not end after " + maxPages + " pages", "StripeListTooLong");
    }

    static String queryString(Map<String, ?> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        query.forEach((key, value) -> {
            if (value instanceof List<?> values) {
                for (Object v : values) {
                    joiner.add(encode(key + "[]") + "=" + encode(String.valueOf(v)));
                }
            } else if (value != null) {
                joiner.add(encode(key) + "=" + encode(String.valueOf(value)));
            }
        });
        return joiner.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
