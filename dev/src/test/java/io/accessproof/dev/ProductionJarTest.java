package io.accessproof.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production jar (the server module's, the one the Docker image runs) carries none of the development
 * stand-ins: no emulator, demo app or load generator, no dev commands, no embedded PostgreSQL or Temporal.
 * Runs after the server module is packaged (the reactor builds it first).
 */
class ProductionJarTest {
    private static final List<String> DEVELOPMENT_ONLY = List.of(
            "io/accessproof/devkit/",                                // emulator, demo app, load generator, stand-ins
            "io/accessproof/dev/",                                   // dev, emulator, demo-app, loadgen commands
            "io/zonky/",                                             // embedded PostgreSQL
            "io/temporal/internal/testservice/TestWorkflowService",  // Temporal's test server
            "dev.yml");

    @Test
    void carriesNoDevelopmentClass() throws IOException {
        Path jar = Path.of(System.getProperty("accessproof.productionJar", "../server/target/accessproof.jar"));
        assertThat(jar).as("the production jar; build the server module first").exists();

        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> found = file.stream().map(ZipEntry::getName)
                    .filter(name -> DEVELOPMENT_ONLY.stream().anyMatch(name::startsWith))
                    .limit(10).toList();

            assertThat(found).as("development classes in the production jar").isEmpty();
            assertThat(file.getEntry("io/accessproof/server/AccessproofApplication.class")).isNotNull();
        }
    }
}
