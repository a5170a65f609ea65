package io.accessproof.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packages of each module point one way: no cycle between them (a cycle makes every package in it
 * depend on all the others), read from the imports of the main sources.
 */
class PackageLayeringTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([a-z][\\w.]*?)\\.[A-Z]\\w*", Pattern.MULTILINE);
    private static final Pattern SQL = Pattern.compile(
            "\"[^\"]*\\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM)\\b|createQuery\\(|createUpdate\\(");
    private static final Pattern WRITING_METHOD = Pattern.compile("@SqlUpdate\\((?:[^;{]*?)\\)\\s+(?:int|void|boolean)\\s+(\\w+)\\(",
            Pattern.DOTALL);
    private static final Pattern DIRECT_DAO_CALL = Pattern.compile("(?:RunDao|IncidentDao)\\.class\\)\\s*\\.(\\w+)\\(");
    private static final Pattern HELD_DAO = Pattern.compile("(?:RunDao|IncidentDao)\\s+(\\w+)\\s*[=;]");
    private static final Path REPOSITORY = Path.of(System.getProperty("accessproof.repository", ".."));

    @ParameterizedTest
    @CsvSource({"workflows, io.accessproof.workflows", "store, io.accessproof.store", "activities, io.accessproof.activities",
            "devkit, io.accessproof.devkit", "server, io.accessproof.server", "dev, io.accessproof.dev"})
    void noCycleBetweenTheModulesPackages(String module, String base) {
        Map<String, Set<String>> imports = packageImports(REPOSITORY.resolve(module).resolve("src/main/java"), base);
        assertThat(imports).as("packages of " + module).isNotEmpty();

        assertThat(cycles(imports)).as("package cycles in " + module).isEmpty();
    }

    /** The whole configuration is read where the application is wired, and nowhere below it. */
    @Test
    void onlyTheWiringReceivesTheWholeConfiguration() {
        Map<String, Set<String>> imports = packageImports(REPOSITORY.resolve("server/src/main/java"), "io.accessproof.server");
        List<String> readers = imports.entrySet().stream()
                .filter(e -> e.getValue().contains("io.accessproof.server") && !e.getKey().equals("io.accessproof.server"))
                .map(Map.Entry::getKey).toList();

        assertThat(readers).as("packages importing the root package (AccessproofConfiguration)").isEmpty();
    }

    /** SQL lives in the store module only; the SQL probe runs the operator's own query against the app's database. */
    @ParameterizedTest
    @CsvSource({"activities", "server", "dev"})
    void noSqlOutsideTheStore(String module) throws IOException {
        Path sources = REPOSITORY.resolve(module).resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> withSql = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("SqlProbe.java"))
                    .filter(f -> SQL.matcher(read(f)).find())
                    .map(f -> sources.relativize(f).toString()).toList();

            assertThat(withSql).as("classes of " + module + " with SQL").isEmpty();
        }
    }

    /**
     * A run's rows and incidents are written by workflows through their activities (docs/DESIGN.md, "Who writes
     * each table"): no class of the server (handlers, commands, intake) calls a writing method of their DAOs.
     */
    @Test
    void noHandlerWritesARunOrAnIncident() throws IOException {
        Set<String> writers = new TreeSet<>();
        for (String dao : List.of("runs/RunDao.java", "incidents/IncidentDao.java")) {
            Matcher m = WRITING_METHOD.matcher(read(REPOSITORY.resolve("store/src/main/java/io/accessproof/store/" + dao)));
            while (m.find()) {
                writers.add(m.group(1));
            }
        }
        assertThat(writers).contains("markTerminated", "resolveOpen", "acknowledge", "appendTimeline");
        Path sources = REPOSITORY.resolve("server/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> writing = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> daoCalls(read(f)).stream().anyMatch(writers::contains))
                    .map(f -> sources.relativize(f).toString()).toList();

            assertThat(writing).as("server classes writing runs or incidents").isEmpty();
        }
    }

    /** The methods called on a run or incident DAO: directly on {@code attach}/{@code onDemand}, or on a variable holding one. */
    static Set<String> daoCalls(String source) {
        Set<String> called = new TreeSet<>();
        Matcher direct = DIRECT_DAO_CALL.matcher(source);
        while (direct.find()) {
            called.add(direct.group(1));
        }
        Matcher held = HELD_DAO.matcher(source);
        while (held.find()) {
            Matcher call = Pattern.compile("\\b" + held.group(1) + "\\.(\\w+)\\(").matcher(source);
            while (call.find()) {
                called.add(call.group(1));
            }
        }
        return called;
    }

    @Test
    void findsADaoWriteWhereThereIsOne() {
        assertThat(daoCalls("IncidentDao incidents = h.attach(IncidentDao.class); incidents.resolveOpen(id);"
                + " jdbi.onDemand(RunDao.class).markTerminated(id); audit.record(x);"))
                .containsExactlyInAnyOrder("resolveOpen", "markTerminated");
    }

    @Test
    void findsACycleWhereThereIsOne() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                "d", Set.of("a"), "e", Set.of());

        assertThat(cycles(graph)).containsExactly(Set.of("a", "b", "c"));
    }

    /** Package → the packages of the same base it imports. */
    static Map<String, Set<String>> packageImports(Path sources, String base) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String pkg = sources.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> targets = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher m = IMPORT.matcher(read(file));
                while (m.find()) {
                    String target = m.group(1);
                    if ((target.equals(base) || target.startsWith(base + ".")) && !target.equals(pkg)) {
                        targets.add(target);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** Every strongly connected group of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        return new Tarjan(graph).groups.stream().filter(g -> g.size() > 1).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final List<String> stack = new ArrayList<>();
        private final List<Set<String>> groups = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
            graph.keySet().forEach(v -> {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            });
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.add(v);
            for (String w : graph.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (stack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> group = new TreeSet<>();
                String w;
                do {
                    w = stack.remove(stack.size() - 1);
                    group.add(w);
                } while (!w.equals(v));
                groups.add(group);
            }
        }
    }
}
