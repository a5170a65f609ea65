package io.accessproof.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Closed runs are kept at least as long as the missed-event sweep can list their events again. */
class RetentionConfigTest {
    private final Validator validator = Validators.newValidator();

    @Test
    void closedRunsKeptLessThanStripesThirtyDays_refused_foreverOrLonger_accepted() {
        assertThat(messages(closedRuns(Duration.days(7)))).containsExactly("retention.closedRuns must be 0 (forever) "
                + "or at least 30 days: the missed-event sweep lists Stripe's last 30 days");
        assertThat(messages(closedRuns(Duration.days(0)))).isEmpty();
        assertThat(messages(closedRuns(Duration.days(30)))).isEmpty();
        assertThat(messages(new RetentionConfig())).isEmpty();
    }

    private static RetentionConfig closedRuns(Duration keep) {
        RetentionConfig config = new RetentionConfig();
        config.closedRuns = keep;
        return config;
    }

    private Set<String> messages(RetentionConfig config) {
        return validator.validate(config).stream().map(ConstraintViolation::getMessage)
                .collect(java.util.stream.Collectors.toSet());
    }
}
