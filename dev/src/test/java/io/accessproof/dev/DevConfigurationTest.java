package io.accessproof.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.activities.notify.JsonPost;
import io.accessproof.activities.notify.SinkType;
import io.accessproof.server.AccessproofConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

class DevConfigurationTest {

    @Test
    void devConfiguration_parses_andPagesToTheLog() throws Exception {
        YamlConfigurationFactory<AccessproofConfiguration> factory = new YamlConfigurationFactory<>(
                AccessproofConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        AccessproofConfiguration dev = factory.build(new SubstitutingSourceProvider(
                new ResourceConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
                DevCommand.CONFIG_RESOURCE);

        assertThat(dev.notifications.build(JsonPost.withDefaults()))
                .extracting(s -> s.spec().type()).containsExactly(SinkType.LOG);
    }
}
