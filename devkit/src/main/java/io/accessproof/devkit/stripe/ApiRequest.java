package io.accessproof.devkit.stripe;

import java.util.regex.Matcher;

/** One authenticated API call: its parameters, Connect account ("" for the platform) and API version. */
record ApiRequest(String method, String path, Params params, String account, String apiVersion,
                  String requestId, String idempotencyKey, Matcher match) {

    String pathParam(int group) {
        return match.group(group);
    }

    /** Where events caused by this request come from. */
    EventOrigin origin() {
        return new EventOrigin(account, apiVersion, requestId, idempotencyKey);
    }
}
