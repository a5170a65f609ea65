package io.accessproof.devkit.stripe;

/**
 * What Stripe answers a key it will not serve, with Stripe's wording: a revoked or expired key (401),
 * a restricted key without the permission the endpoint needs (403), an object this key cannot see (404).
 */
final class Refusals {
    private Refusals() {
    }

    static StripeError of(int status, String apiKey, String path) {
        return switch (status) {
            case 403 -> new StripeError(403, "invalid_request_error", null, "The provided key '" + masked(apiKey)
                    + "' does not have the required permissions for this endpoint on account 'acct_emulator'. Having the '"
                    + permission(path) + "' permission would allow this request to continue.", null);
            case 404 -> StripeError.missing(resource(path), lastSegment(path), "id");
            default -> new StripeError(401, "invalid_request_error", "api_key_expired",
                    "Expired API Key provided: " + masked(apiKey), null);
        };
    }

    /** Stripe shows a key's prefix and its last four characters, never the whole key. */
    static String masked(String apiKey) {
        int prefix = apiKey.indexOf('_', apiKey.indexOf('_') + 1) + 1;
        String tail = apiKey.length() > prefix + 4 ? apiKey.substring(apiKey.length() - 4) : "";
        return apiKey.substring(0, prefix) + "*********" + tail;
    }

    /** {@code /v1/subscriptions/sub_1} needs {@code rak_subscription_read}. */
    static String permission(String path) {
        return "rak_" + resource(path).replace(' ', '_') + "_read";
    }

    private static String resource(String path) {
        String[] parts = path.split("/");
        String collection = parts.length > 2 ? parts[2] : "object";
        String singular = collection.endsWith("ies") ? collection.substring(0, collection.length() - 3) + "y"
                : collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
        return singular.replace('_', ' ');
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
