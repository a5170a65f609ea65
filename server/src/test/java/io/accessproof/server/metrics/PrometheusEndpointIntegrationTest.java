package io.accessproof.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on the admin port scrapes as Prometheus text, with every metric the alert rules use. */
class PrometheusEndpointIntegrationTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("accessproof.repository", ".."));
    /** accessproof's own metric names in the rules (not Prometheus' {@code up}). */
    private static final Pattern RULE_METRIC = Pattern.compile("\\b((?:runs|outbox|intake|sweep|stripe|incidents)_[a-z_]+)");

    private static TestPostgres.Database db;
    private static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.freshDatabase();
        app = TestApp.start(db);
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    @Test
    void metrics_scrapeAsPrometheusText_andJsonMovesToMetricsJson() throws Exception {
        assertThat(app.postSignedEvent("{\"id\":\"evt_prom_1\",\"object\":\"event\",\"type\":"
                + "\"customer.subscription.created\",\"created\":" + Instant.now().getEpochSecond() + ",\"livemode\":false,"
                + "\"api_version\":\"2025-03-31.basil\",\"data\":{\"object\":{\"id\":\"sub_prom\",\"object\":"
                + "\"subscription\",\"customer\":\"cus_prom\",\"status\":\"active\"}}}").statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = app.get(app.adminUrl("/metrics"));
        HttpResponse<String> json = app.get(app.adminUrl("/metrics.json"));

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scrape.body()).contains("# TYPE outbox_depth gauge", "# TYPE intake_accepted_total counter")
                .containsPattern("(?m)^intake_accepted_total [1-9]");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"gauges\"", "\"outbox.depth\"");
    }

    /**
     * The alert rules and the Grafana dashboard read only what is exported. (The verdict and time-to-proof
     * families appear with their first run; ProofMetricsEndToEndIntegrationTest scrapes them.)
     */
    @Test
    void everyAccessproofMetricTheRulesAndTheDashboardUse_isExported() throws Exception {
        String rules = Files.readString(REPOSITORY.resolve("docker/prometheus/alerts.yml")).replaceAll("(?m)#.*$", "")
                .replaceAll("summary: .*", "");
        String dashboard = Files.readString(REPOSITORY.resolve("docker/grafana/accessproof.json"))
                .replaceAll("\"(title|legendFormat)\": \"[^\"]*\"", "");
        Set<String> used = new LinkedHashSet<>();
        Matcher m = RULE_METRIC.matcher(rules + "\n" + dashboard);
        while (m.find()) {
            used.add(m.group(1).replaceAll("_$", ""));
        }
        String scrape = app.get(app.adminUrl("/metrics")).body();

        assertThat(used).as("metrics named in the rules and the dashboard")
                .contains("runs_oldest_unverified_seconds", "outbox_lag_ms", "intake_duplicate_total");
        for (String metric : used) {
            String name = metric.equals("runs_cannot_verify") ? "runs_cannot_verify_stripe_auth" : metric;
            assertThat(scrape).as("the scrape exports " + name).containsPattern("(?m)^" + name + "[ {]");
        }
    }
}
