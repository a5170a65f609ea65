package io.accessproof.server.support;

import io.accessproof.activities.fixtures.StripeFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real Stripe payloads written by others, bundled in the activities module's test resources; read-only. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        return StripeFixtures.root();
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
