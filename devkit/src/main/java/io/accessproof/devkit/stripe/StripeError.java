package io.accessproof.devkit.stripe;

/** An API failure rendered as Stripe's error envelope {@code {"error":{type,code,message,param}}}. */
final class StripeError extends RuntimeException {
    final int status;
    final String type;
    final String code;
    final String param;

    StripeError(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static StripeError missing(String kind, String id, String param) {
        return new StripeError(404, "invalid_request_error", "resource_missing",
                "No such " + kind + ": '" + id + "'", param);
    }

    static StripeError invalid(String message, String param) {
        return new StripeError(400, "invalid_request_error", "parameter_invalid", message, param);
    }

    static StripeError missingParam(String param) {
        return new StripeError(400, "invalid_request_error", "parameter_missing",
                "Missing required param: " + param + ".", param);
    }

    static StripeError notFound(String method, String path) {
        return new StripeError(404, "invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + ").", null);
    }
}
