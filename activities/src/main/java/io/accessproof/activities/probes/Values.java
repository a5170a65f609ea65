package io.accessproof.activities.probes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Lenient readings of what apps store as an access flag or a feature list. */
final class Values {
    private Values() {
    }

    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "1", "active", "trialing" -> true;
                default -> false;
            };
        }
        return false;
    }

    static List<String> commaList(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    static String firstLine(String s, int max) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > max ? line.substring(0, max) + "…" : line;
    }
}
