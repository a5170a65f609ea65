package io.accessproof.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared Stripe fixtures written by others ({@code ../shared/stripe-fixtures}); read-only. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        String configured = System.getProperty("accessproof.fixtures");
        Path path = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "stripe-fixtures");
        if (!Files.isDirectory(path)) {
            path = Path.of("..", "shared", "stripe-fixtures");
        }
        return path.toAbsolutePath().normalize();
    }

    public static List<Path> events() {
        try (Stream<Path> files = Files.walk(root().resolve("events"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
