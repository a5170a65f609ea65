package io.accessproof.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Median with min–max of repeated measurements, as the results tables print them. */
final class Stats {
    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "median (min–max)" with the given number format, e.g. "%.0f". */
    static <T> String summary(List<T> runs, ToDoubleFunction<T> value, String format) {
        List<Double> values = runs.stream().map(value::applyAsDouble).toList();
        if (values.isEmpty()) {
            return "–";
        }
        String median = String.format(format, median(values));
        if (values.size() == 1) {
            return median;
        }
        return median + " (" + String.format(format, Collections.min(values)) + "–"
                + String.format(format, Collections.max(values)) + ")";
    }

    /** The load averages and CPU pressure now, so a run on a shared machine says how shared it was. */
    static String machineLoad() {
        try {
            String load = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ")[0];
            String pressure = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/pressure/cpu")).get(0);
            return "load1 " + load + ", cpu " + pressure.replace("some ", "");
        } catch (Exception e) {
            return "load unknown";
        }
    }

    /** Before Dropwizard configures logging, libraries would log at DEBUG to the console. */
    static void quietLogging() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    /** Parses {@code --key value} pairs over the given defaults. */
    static Map<String, String> args(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new java.util.LinkedHashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String key = args[i].replaceFirst("^--", "");
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "; known: " + defaults.keySet());
            }
            values.put(key, args[i + 1]);
        }
        return values;
    }
}
