package io.accessproof.server.incidents;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.accessproof.activities.notify.JsonPost;
import io.accessproof.activities.notify.LogSink;
import io.accessproof.activities.notify.NotificationSettings;
import io.accessproof.activities.notify.PagerDutySink;
import io.accessproof.activities.notify.Sink;
import io.accessproof.activities.notify.SinkFilter;
import io.accessproof.activities.notify.SinkSpec;
import io.accessproof.activities.notify.SinkType;
import io.accessproof.activities.notify.SlackSink;
import io.accessproof.activities.notify.WebhookSink;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Where incidents are sent: the sinks, shadow mode and the grouping window. */
public class NotificationsConfig {
    /** Record and show incidents but call no sink: for tuning deadlines before paging anyone. */
    @JsonProperty
    public boolean shadow = false;
    /** Incidents of one group key opened within this window of the group's first page once. */
    @NotNull
    @JsonProperty
    public Duration groupWindow = Duration.minutes(15);
    @Valid
    @NotNull
    @JsonProperty
    public List<SinkConfig> sinks = new ArrayList<>();

    @JsonIgnore
    @ValidationMethod(message = "every sink needs a name of its own (attempts are recorded by name)")
    public boolean isEachSinkNamedOnce() {
        Set<String> names = sinks.stream().map(s -> s.name).collect(Collectors.toSet());
        return names.size() == sinks.size();
    }

    public NotificationSettings settings() {
        return new NotificationSettings(shadow, groupWindow.toJavaDuration());
    }

    public List<Sink> build(JsonPost post) {
        return sinks.stream().map(sink -> sink.build(post)).toList();
    }

    /** One sink; its secret and routing key come from environment variables and are never logged. */
    @ValidSink
    public static class SinkConfig {
        @NotBlank
        @JsonProperty
        public String name;
        @NotNull
        @Pattern(regexp = "webhook|slack|pagerduty|log", message = "must be webhook, slack, pagerduty or log")
        @JsonProperty
        public String type;
        /** webhook: the receiver; slack: the incoming-webhook URL; pagerduty: the Events API (optional). */
        @JsonProperty
        public String url;
        /** webhook: the HMAC-SHA256 signing secret. */
        @JsonProperty
        public String secret;
        /** pagerduty: the integration's routing key. */
        @JsonProperty
        public String routingKey;
        /** Incident kinds this sink takes; empty takes all. */
        @NotNull
        @JsonProperty
        public List<String> kinds = new ArrayList<>();
        /** true: live events only, false: test events only, absent: both. */
        @JsonProperty
        public Boolean livemode;

        Sink build(JsonPost post) {
            SinkType sinkType = SinkType.valueOf(type.toUpperCase(Locale.ROOT));
            SinkSpec spec = new SinkSpec(name, sinkType, new SinkFilter(Set.copyOf(kinds), livemode));
            return switch (sinkType) {
                case WEBHOOK -> new WebhookSink(spec, URI.create(url), secret, post);
                case SLACK -> new SlackSink(spec, URI.create(url), post);
                case PAGERDUTY -> new PagerDutySink(spec, url == null || url.isBlank() ? null : URI.create(url),
                        routingKey, post);
                case LOG -> new LogSink(spec);
            };
        }
    }
}
