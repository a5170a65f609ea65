package io.accessproof.server.incidents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Why an operator resolved an incident by hand; {@code false_alarm} is how accessproof's false alarms are counted. */
public enum ResolutionReason {
    FIXED, FALSE_ALARM, DUPLICATE, OTHER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ResolutionReason> fromWire(String text) {
        return Arrays.stream(values()).filter(r -> r.wire().equals(text)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(ResolutionReason::wire).collect(Collectors.joining(", "));
    }
}
