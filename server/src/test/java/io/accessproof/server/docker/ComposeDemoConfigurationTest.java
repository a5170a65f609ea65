package io.accessproof.server.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.secrets.SecretRules;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code docker compose --env-file docker/demo.env --profile demo up} hands the image: the accessproof
 * service's environment from {@code docker/compose.yml}, resolved with {@code docker/demo.env}, read into the
 * image's configuration ({@code server/config.example.yml}) as the image does, and the demo services' images.
 */
class ComposeDemoConfigurationTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("accessproof.repository", ".."));
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::([-?])([^}]*))?}");

    @Test
    void demoProfile_acceptsTheEmulatorsTestModeEvents_andReconcilesAgainstIt() throws Exception {
        AccessproofConfiguration config = imageConfiguration(envFile("docker/demo.env"));

        assertThat(config.stripe.acceptTestmode).as("the emulator sends test-mode events").isTrue();
        assertThat(config.stripe.apiBase).isEqualTo("http://stripe-emulator:12111");
        assertThat(config.proving.http.urlTemplate).isEqualTo("http://demo-app:8082/access/{customer_id}");
        assertThatCode(() -> SecretRules.refuseUnsafe(config.stripe, config.api, config.database))
                .as("the placeholders pass the start-up checks").doesNotThrowAnyException();
    }

    @Test
    void withoutTheDemoSetting_testModeEventsAreRefused() throws Exception {
        Map<String, String> secretsOnly = new HashMap<>(envFile("docker/demo.env"));
        secretsOnly.remove("ACCESSPROOF_ACCEPT_TESTMODE");
        secretsOnly.remove("STRIPE_API_BASE");

        AccessproofConfiguration config = imageConfiguration(secretsOnly);

        assertThat(config.stripe.acceptTestmode).isFalse();
        assertThat(config.stripe.apiBase).as("none: Stripe itself").isNullOrEmpty();
    }

    @Test
    void demoServices_runFromTheDevkitImage_listeningForTheOtherContainers() throws Exception {
        JsonNode services = compose().path("services");

        assertThat(services.path("accessproof").path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
        for (String demo : List.of("stripe-emulator", "demo-app")) {
            assertThat(services.path(demo).path("build").path("dockerfile").asText()).as(demo)
                    .isEqualTo("docker/Dockerfile.devkit");
            assertThat(services.path(demo).path("command").toString()).as(demo).contains("\"--bind\",\"0.0.0.0\"");
        }
        assertThat(services.path("stripe-emulator").path("command").toString())
                .contains("http://accessproof:8080/webhooks/stripe", "http://demo-app:8082/stripe/webhook");
    }

    /** config.example.yml read with the accessproof service's environment, as the image's entry point reads it. */
    private static AccessproofConfiguration imageConfiguration(Map<String, String> envFile) throws Exception {
        Map<String, String> environment = new HashMap<>();
        compose().path("services").path("accessproof").path("environment").fields()
                .forEachRemaining(e -> environment.put(e.getKey(), resolve(e.getValue().asText(), envFile)));
        String yaml = resolve(Files.readString(REPOSITORY.resolve("server/config.example.yml")), environment);
        YamlConfigurationFactory<AccessproofConfiguration> factory = new YamlConfigurationFactory<>(
                AccessproofConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }

    /** ${NAME}, ${NAME:-default} and ${NAME:?message}, as compose and the image's strict substitution read them. */
    private static String resolve(String text, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null || value.isEmpty()) {
                if ("?".equals(m.group(2)) || m.group(2) == null) {
                    throw new IllegalStateException("unset: " + m.group(1) + (m.group(3) == null ? "" : " (" + m.group(3) + ")"));
                }
                value = m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(REPOSITORY.resolve("docker/compose.yml").toFile());
    }

    private static Map<String, String> envFile(String path) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(REPOSITORY.resolve(path))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }
}
