package io.accessproof.activities.probes;

import java.time.Duration;
import java.util.Map;

/**
 * How to read a customer's access over HTTP. Null fields take their defaults.
 *
 * @param urlTemplate      an http(s) URL with {@code {customer_id}}, replaced by the URL-encoded id,
 *                         e.g. {@code http://127.0.0.1:8082/access/{customer_id}}
 * @param headers          extra request headers (e.g. an {@code Authorization}); never written to evidence
 * @param planPointer      JSON pointer to the plan name; default {@code /plan}
 * @param activePointer    JSON pointer to the access flag (boolean, or "true"/"active"/"trialing", or a number); default {@code /active}
 * @param featuresPointer  JSON pointer to the feature keys (array, or a comma-separated string); null: not read
 * @param deployShaHeader  response header naming the app's deploy; default {@code X-Deploy-Sha}
 * @param deployShaPointer JSON pointer to the deploy SHA, used when the header is absent; null: not read
 * @param connectTimeout   default 2 s
 * @param requestTimeout   default 5 s
 * @param seatsPointer     JSON pointer to the number of seats the app grants; null: not read
 */
public record HttpProbeConfig(
        String urlTemplate,
        Map<String, String> headers,
        String planPointer,
        String activePointer,
        String featuresPointer,
        String deployShaHeader,
        String deployShaPointer,
        Duration connectTimeout,
        Duration requestTimeout,
        String seatsPointer) {

    public static final String DEFAULT_PLAN_POINTER = "/plan";
    public static final String DEFAULT_ACTIVE_POINTER = "/active";
    public static final String DEFAULT_DEPLOY_SHA_HEADER = "X-Deploy-Sha";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    public HttpProbeConfig {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        planPointer = blankToNull(planPointer) == null ? DEFAULT_PLAN_POINTER : planPointer;
        activePointer = blankToNull(activePointer) == null ? DEFAULT_ACTIVE_POINTER : activePointer;
        featuresPointer = blankToNull(featuresPointer);
        deployShaHeader = blankToNull(deployShaHeader) == null ? DEFAULT_DEPLOY_SHA_HEADER : deployShaHeader;
        deployShaPointer = blankToNull(deployShaPointer);
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        seatsPointer = blankToNull(seatsPointer);
    }

    /** A probe that reads no seats. */
    public HttpProbeConfig(String urlTemplate, Map<String, String> headers, String planPointer, String activePointer,
                           String featuresPointer, String deployShaHeader, String deployShaPointer,
                           Duration connectTimeout, Duration requestTimeout) {
        this(urlTemplate, headers, planPointer, activePointer, featuresPointer, deployShaHeader, deployShaPointer,
                connectTimeout, requestTimeout, null);
    }

    /** Everything default but the URL template. */
    public static HttpProbeConfig of(String urlTemplate) {
        return new HttpProbeConfig(urlTemplate, null, null, null, null, null, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
