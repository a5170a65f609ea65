package io.accessproof.server.incidents;

import io.accessproof.workflows.model.IncidentKind;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Checks a {@link NotificationsConfig.SinkConfig} against its type; the type itself is checked by a pattern. */
public final class SinkValidator implements ConstraintValidator<ValidSink, NotificationsConfig.SinkConfig> {
    private static final List<String> KINDS = Arrays.stream(IncidentKind.values()).map(IncidentKind::wire).toList();

    @Override
    public boolean isValid(NotificationsConfig.SinkConfig sink, ConstraintValidatorContext context) {
        if (sink == null || sink.type == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        String who = "a " + sink.type + " sink (" + sink.name + ")";
        boolean valid = true;
        boolean needsUrl = "webhook".equals(sink.type) || "slack".equals(sink.type);
        if (needsUrl ? !isHttpUrl(sink.url) : !blank(sink.url) && !isHttpUrl(sink.url)) {
            valid = report(context, "url", who + " needs url: an absolute http(s) URL");
        }
        if ("webhook".equals(sink.type) && blank(sink.secret)) {
            valid = report(context, "secret", who + " needs secret: it signs every body");
        }
        if ("pagerduty".equals(sink.type) && blank(sink.routingKey)) {
            valid = report(context, "routingKey", who + " needs routingKey: the Events API v2 integration key");
        }
        List<String> unknown = sink.kinds.stream().filter(kind -> !KINDS.contains(kind)).toList();
        if (!unknown.isEmpty()) {
            valid = report(context, "kinds", who + " names unknown kinds " + unknown + "; known: "
                    + String.join(", ", KINDS));
        }
        return valid;
    }

    private static boolean report(ConstraintValidatorContext context, String field, String message) {
        // The message is a template: a sink name must not be read as an expression.
        String literal = message.chars().mapToObj(c -> "{}$\\".indexOf(c) >= 0 ? "\\" + (char) c : String.valueOf((char) c))
                .collect(Collectors.joining());
        context.buildConstraintViolationWithTemplate(literal).addPropertyNode(field).addConstraintViolation();
        return false;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isHttpUrl(String value) {
        if (blank(value)) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
