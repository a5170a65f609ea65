package io.accessproof.server.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The demo app's fault switch ({@code PUT /_demo/faults/{customer_id}}), which the drill uses to break it. */
final class DemoAppControl {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoAppControl(String baseUrl) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String baseUrl() {
        return base;
    }

    /** Sets the fault mode for one customer; a failure says the drill cannot break the app as it must. */
    void fault(String customerId, String mode) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/_demo/faults/" + ApiClient.segment(customerId)))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\"}")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new DrillFailed("the demo app at " + base + " refused the fault '" + mode + "': "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new DrillFailed("cannot reach the demo app at " + base + " to set the fault '" + mode + "' ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DrillFailed("interrupted while setting the demo app fault");
        }
    }
}
