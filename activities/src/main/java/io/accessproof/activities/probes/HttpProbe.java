package io.accessproof.activities.probes;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.workflows.model.Observation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a customer's access with one GET to the app. 2xx: the body's plan, access flag, features
 * and deploy SHA; 404: the app does not know the customer, so no access; anything else, an I/O
 * error or a timeout: not reachable. Evidence names the status or error and the URL without its
 * query; never header values or a stack trace.
 */
public final class HttpProbe implements Probe {
    private static final String PLACEHOLDER = "{customer_id}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpProbeConfig config;
    private final HttpClient client;
    private final Clock clock;
    private final JsonPointer plan;
    private final JsonPointer active;
    private final JsonPointer features;
    private final JsonPointer deploySha;
    private final JsonPointer seats;

    /** Builds its own {@link HttpClient} with the configured connect timeout. */
    public HttpProbe(HttpProbeConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build(), Clock.systemUTC());
    }

    /** @throws io.temporal.failure.ApplicationFailure PROBE_MISCONFIGURED for a URL template or pointer that can never work */
    public HttpProbe(HttpProbeConfig config, HttpClient client, Clock clock) {
        this.config = config;
        this.client = client;
        this.clock = clock;
        String template = config.urlTemplate();
        if (template == null || !template.contains(PLACEHOLDER)) {
            throw ProbeMisconfigured.because("HTTP probe URL template must contain " + PLACEHOLDER);
        }
        this.plan = pointer("plan", config.planPointer());
        this.active = pointer("active", config.activePointer());
        this.features = config.featuresPointer() == null ? null : pointer("features", config.featuresPointer());
        this.deploySha = config.deployShaPointer() == null ? null : pointer("deploy SHA", config.deployShaPointer());
        this.seats = config.seatsPointer() == null ? null : pointer("seats", config.seatsPointer());
        HttpRequest.Builder check = HttpRequest.newBuilder(uri(template.replace(PLACEHOLDER, "cus_probe_check")));
        config.headers().forEach((name, value) -> {
            try {
                check.header(name, value == null ? "" : value);
            } catch (IllegalArgumentException e) {
                throw ProbeMisconfigured.because("HTTP probe header " + name + " cannot be sent (restricted or invalid)");
            }
        });
    }

    private Observation failed(String where, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return unreachable(where + ": no connection within " + config.connectTimeout().toMillis() + " ms");
        }
        if (cause instanceof HttpTimeoutException) {
            return unreachable(where + ": no answer within " + config.requestTimeout().toMillis() + " ms");
        }
        return unreachable(where + " failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + Values.firstLine(cause.getMessage(), 200)));
    }

    @Override
    public Observation observe(String customerId) {
        URI uri = uri(config.urlTemplate().replace(PLACEHOLDER, encode(customerId)));
        String where = "GET " + withoutQuery(uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Accept", "application/json").GET();
        config.headers().forEach(request::header);
        HttpResponse<String> response;
        // The client's request timeout ends once headers arrive; a body that dribbles would hold the probe (and
        // its slot) for ever. The whole answer, body included, gets the connect and request timeouts together.
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = config.connectTimeout().toMillis() + config.requestTimeout().toMillis();
        try {
            response = call.get(deadline, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return unreachable(where + ": no complete answer within " + config.requestTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            return failed(where, e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + where, e);
        }
        int status = response.statusCode();
        if (status == 404) {
            return new Observation(true, null, false, List.of(), deployShaHeader(response), now(),
                    "app has no record of customer " + customerId + " (404 from " + where + ")");
        }
        if (status < 200 || status > 299) {
            return unreachable("app answered " + status + " to " + where);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return unreachable("app answered " + status + " to " + where + " with a body that is not JSON");
        }
        if (body == null || body.isMissingNode()) {
            return unreachable("app answered " + status + " to " + where + " with an empty body");
        }
        String observedPlan = scalar(body.at(plan));
        JsonNode activeNode = body.at(active);
        boolean observedActive = Values.truthy(activeNode.isBoolean() ? activeNode.booleanValue()
                : activeNode.isNumber() ? activeNode.numberValue() : scalar(activeNode));
        List<String> observedFeatures = features == null ? List.of() : featureList(body.at(features));
        String sha = deployShaHeader(response);
        if (sha == null && deploySha != null) {
            sha = scalar(body.at(deploySha));
        }
        Integer observedSeats = seats != null && body.at(seats).canConvertToInt() ? body.at(seats).intValue() : null;
        String detail = "app answered " + status + " to " + where + ": plan=" + observedPlan + " active=" + observedActive
                + (observedSeats == null ? "" : " seats=" + observedSeats)
                + (activeNode.isMissingNode() ? " (no value at " + config.activePointer() + ")" : "");
        return new Observation(true, observedPlan, observedActive, observedFeatures, sha, now(), detail, observedSeats);
    }

    private String deployShaHeader(HttpResponse<?> response) {
        return response.headers().firstValue(config.deployShaHeader()).filter(v -> !v.isBlank()).orElse(null);
    }

    private static List<String> featureList(JsonNode node) {
        if (node.isArray()) {
            List<String> keys = new ArrayList<>();
            node.forEach(n -> {
                String key = n.isObject() ? scalar(n.path("lookup_key")) : scalar(n);
                if (key != null) {
                    keys.add(key);
                }
            });
            return keys;
        }
        return Values.commaList(scalar(node));
    }

    private static String scalar(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || !node.isValueNode() ? null : node.asText();
    }

    private Observation unreachable(String detail) {
        return new Observation(false, null, false, List.of(), null, now(), detail);
    }

    private long now() {
        return clock.millis();
    }

    private static URI uri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProbeMisconfigured.because("HTTP probe URL is not a valid URI: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw ProbeMisconfigured.because("HTTP probe URL must be an absolute http(s) URL with a host, got scheme "
                    + scheme + " host " + uri.getHost());
        }
        return uri;
    }

    private static JsonPointer pointer(String what, String expression) {
        try {
            return JsonPointer.compile(expression);
        } catch (IllegalArgumentException e) {
            throw ProbeMisconfigured.because("HTTP probe " + what + " pointer is not a JSON pointer: " + expression);
        }
    }

    private static String encode(String customerId) {
        return URLEncoder.encode(customerId == null ? "" : customerId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String withoutQuery(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath();
    }
}
