package io.accessproof.server.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads the parts of an operator request every resource needs; bad values throw with the reason. */
public final class ApiRequests {
    private ApiRequests() {
    }

    /** Who acts, as the bearer-token filter named them. */
    public static String actor(ContainerRequestContext request) {
        Object actor = request.getProperty(BearerTokenFilter.ACTOR);
        return actor == null ? "unknown" : actor.toString();
    }

    public static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("limit must be a whole number from 1 to " + max);
    }

    /** An ISO-8601 instant such as 2026-12-02T10:00:00Z, or null when absent. */
    public static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant such as 2026-12-02T10:00:00Z");
        }
    }

    /** The value when it is the wire name of one of the enum's constants (lower case), else a clear refusal. */
    public static <E extends Enum<E>> String known(String value, String field, Class<E> type) {
        String wire = value.trim().toLowerCase(Locale.ROOT);
        boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equalsIgnoreCase(wire));
        if (!known) {
            throw new IllegalArgumentException("unknown " + field + " '" + value + "'; one of " + Arrays.stream(
                    type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
        return wire;
    }
}
