package io.accessproof.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The operator API as the commands use it. Any answer that is not a 2xx becomes a {@link CliFailure}
 * carrying the API's own error message and the exit code for its status; the token is never printed.
 */
public final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: the body as the API wrote it, and parsed. */
    public record Answer(int status, String body, JsonNode json) {
    }

    public ApiClient(String baseUrl, String token) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.token = token;
    }

    public String baseUrl() {
        return base.toString();
    }

    public Answer get(String path, Map<String, ?> query) {
        return send(request(path + queryString(query)).GET());
    }

    /**
     * A GET whose body is read as it arrives (an export of any size): no overall time limit, the caller closes
     * the stream.
     */
    public InputStream stream(String path, Map<String, ?> query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path + queryString(query)))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                String body;
                try (InputStream error = response.body()) {
                    body = new String(error.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw new CliFailure(ExitCode.forStatus(response.statusCode()), "GET " + path + ": "
                        + response.statusCode() + " " + errorMessage(parse(body), body));
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "cannot reach accessproof at " + base + " (connection refused)");
        } catch (IOException e) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "cannot reach accessproof at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.UNAVAILABLE, "interrupted while waiting for " + base);
        }
    }

    public Answer get(String path) {
        return get(path, Map.of());
    }

    public Answer post(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A path segment taken from the operator's input, so "evt_1/../x" stays one id. */
    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "cannot reach accessproof at " + base + " (connection refused)");
        } catch (HttpTimeoutException e) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "accessproof at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new CliFailure(ExitCode.UNAVAILABLE, "cannot reach accessproof at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.UNAVAILABLE, "interrupted while waiting for " + base);
        }
        JsonNode json = parse(response.body());
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new CliFailure(ExitCode.forStatus(status), request.method() + " " + request.uri().getPath() + ": "
                    + status + " " + errorMessage(json, response.body()));
        }
        return new Answer(status, response.body(), json);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private static String errorMessage(JsonNode json, String body) {
        if (json.hasNonNull("error")) {
            return json.get("error").asText();
        }
        if (json.hasNonNull("message")) {
            return json.get("message").asText();
        }
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static String queryString(Map<String, ?> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                joined.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }
}
