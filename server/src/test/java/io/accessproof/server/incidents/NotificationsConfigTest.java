package io.accessproof.server.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessproof.activities.notify.JsonPost;
import io.accessproof.activities.notify.LogSink;
import io.accessproof.activities.notify.PagerDutySink;
import io.accessproof.activities.notify.Sink;
import io.accessproof.activities.notify.SinkType;
import io.accessproof.activities.notify.SlackSink;
import io.accessproof.activities.notify.WebhookSink;
import io.accessproof.server.AccessproofConfiguration;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsConfigTest {

    @Test
    void fourSinks_buildOneOfEachTypeWithTheirFilters() throws Exception {
        NotificationsConfig config = parse("""
                shadow: true
                groupWindow: 5 minutes
                sinks:
                  - {name: hook, type: webhook, url: "https://hooks.example.com/in", secret: s1,
                     kinds: [access_not_granted]}
                  - {name: chat, type: slack, url: "https://hooks.slack.com/services/T/B/X", livemode: true}
                  - {name: pager, type: pagerduty, routingKey: rk}
                  - {name: log, type: log}
                """);

        List<Sink> sinks = config.build(JsonPost.withDefaults());
        assertThat(sinks).hasExactlyElementsOfTypes(WebhookSink.class, SlackSink.class, PagerDutySink.class,
                LogSink.class);
        assertThat(sinks).extracting(s -> s.spec().type())
                .containsExactly(SinkType.WEBHOOK, SinkType.SLACK, SinkType.PAGERDUTY, SinkType.LOG);
        assertThat(sinks.get(0).spec().filter().accepts("access_not_revoked", null)).isFalse();
        assertThat(sinks.get(1).spec().filter().accepts("drift", false)).isFalse();
        assertThat(config.settings().shadow()).isTrue();
        assertThat(config.settings().groupWindow()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void defaults_noSinkNoShadowFifteenMinuteWindow() {
        NotificationsConfig config = new NotificationsConfig();
        assertThat(config.sinks).isEmpty();
        assertThat(config.settings().shadow()).isFalse();
        assertThat(config.settings().groupWindow()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void webhookWithoutUrl_isAStartupErrorNamingTheSinkAndTheFix() {
        assertThatThrownBy(() -> parse("sinks: [{name: hook, type: webhook, secret: s1}]"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("sinks[0].url a webhook sink (hook) needs url: an absolute http(s) URL");
    }

    @Test
    void otherMistakes_areStartupErrorsToo() {
        assertThatThrownBy(() -> parse("sinks: [{name: hook, type: webhook, url: 'https://x.test/'}]"))
                .hasMessageContaining("sinks[0].secret a webhook sink (hook) needs secret");
        assertThatThrownBy(() -> parse("sinks: [{name: pd, type: pagerduty, routingKey: ''}]"))
                .hasMessageContaining("sinks[0].routingKey a pagerduty sink (pd) needs routingKey");
        assertThatThrownBy(() -> parse("sinks: [{name: x, type: email}]"))
                .hasMessageContaining("must be webhook, slack, pagerduty or log");
        assertThatThrownBy(() -> parse("sinks: [{name: a, type: log}, {name: a, type: log}]"))
                .hasMessageContaining("every sink needs a name of its own");
        assertThatThrownBy(() -> parse("sinks: [{name: a, type: log, kinds: [access_lost]}]"))
                .hasMessageContaining("sinks[0].kinds a log sink (a) names unknown kinds [access_lost]");
        assertThatThrownBy(() -> parse("sinks: [{name: a, type: slack, url: 'hooks.slack.com/x'}]"))
                .hasMessageContaining("a slack sink (a) needs url");
        assertThatThrownBy(() -> parse("sinks: [{name: '${x}', type: slack}]"))
                .hasMessageContaining("a slack sink (${x}) needs url");
    }

    @Test
    void exampleConfiguration_parsesWithALogSink() throws Exception {
        YamlConfigurationFactory<AccessproofConfiguration> factory = new YamlConfigurationFactory<>(
                AccessproofConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        AccessproofConfiguration example = factory.build(new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                Path.of("config.example.yml").toString());

        assertThat(example.notifications.build(JsonPost.withDefaults()))
                .extracting(s -> s.spec().type()).containsExactly(SinkType.LOG);
    }

    private static NotificationsConfig parse(String yaml) throws Exception {
        YamlConfigurationFactory<NotificationsConfig> factory = new YamlConfigurationFactory<>(
                NotificationsConfig.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
    }
}
