package io.accessproof.server.support;

import io.accessproof.server.AccessproofApplication;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.cli.Terminal;
import io.accessproof.store.TestPostgres;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The real application on free ports, against a fresh PostgreSQL database and (by default) an embedded
 * Temporal test server on a free port.
 */
public final class TestApp implements AutoCloseable {
    public static final String SECRET = "whsec_test_current";
    public static final String PREVIOUS_SECRET = "whsec_test_previous";
    public static final String RECEIPT_SECRET = "arsec_test_0123456789abcdef";
    public static final String API_TOKEN = "ap_test_token_0123456789abcdef";

    private static String copiedConfig;

    private final DropwizardTestSupport<AccessproofConfiguration> support;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestApp(DropwizardTestSupport<AccessproofConfiguration> support) {
        this.support = support;
    }

    /** Starts the application with an embedded Temporal on a free port. */
    public static TestApp start(TestPostgres.Database db, ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(databaseOverrides(db));
        overrides.add(ConfigOverride.config("temporal.embeddedPort", String.valueOf(FreePorts.next())));
        overrides.addAll(List.of(extra));
        return startWith(overrides);
    }

    public static List<ConfigOverride> databaseOverrides(TestPostgres.Database db) {
        return List.of(ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password() == null ? "" : db.password()));
    }

    public static TestApp startWith(List<ConfigOverride> overrides) throws Exception {
        DropwizardTestSupport<AccessproofConfiguration> support = new DropwizardTestSupport<>(
                AccessproofApplication.class, configFile(), overrides.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<AccessproofConfiguration> newApplication() {
                return new AccessproofApplication(Terminal.system(), TestTemporal.EMBEDDED);
            }
        };
        support.before();
        return new TestApp(support);
    }

    /**
     * test.yml as a file, wherever this class runs from: the server's own tests read it in place; the dev and
     * bench modules find it inside the server's test jar and get a copy.
     */
    public static synchronized String configFile() {
        URL resource = TestApp.class.getClassLoader().getResource("test.yml");
        if (resource == null) {
            throw new IllegalStateException("test.yml is not on the classpath");
        }
        if ("file".equals(resource.getProtocol())) {
            return ResourceHelpers.resourceFilePath("test.yml");
        }
        if (copiedConfig == null) {
            try (InputStream in = resource.openStream()) {
                Path copy = Files.createTempFile("accessproof-test", ".yml");
                copy.toFile().deleteOnExit();
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                copiedConfig = copy.toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy test.yml out of " + resource, e);
            }
        }
        return copiedConfig;
    }

    public AccessproofConfiguration config() {
        return support.getConfiguration();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + support.getLocalPort() + path;
    }

    public String adminUrl(String path) {
        return "http://127.0.0.1:" + support.getAdminPort() + path;
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET with an operator's bearer token. */
    public HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a Stripe event signed with the current secret, as Stripe does. */
    public HttpResponse<String> postSignedEvent(String payload) throws IOException, InterruptedException {
        return post("/webhooks/stripe", payload, Map.of("Content-Type", "application/json; charset=utf-8",
                "Stripe-Signature", StripeSigning.header(payload, SECRET)));
    }

    public static Jdbi jdbi(TestPostgres.Database db) {
        return Jdbi.create(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    public void close() {
        support.after();
    }
}
