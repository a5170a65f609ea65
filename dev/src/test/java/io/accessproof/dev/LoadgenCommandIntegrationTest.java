package io.accessproof.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.TestPostgres;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code loadgen} against the real application on free ports, at a tiny rate. No assertion on speed. */
class LoadgenCommandIntegrationTest {
    private static TestPostgres.Database db;
    private static TestApp app;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.freshDatabase();
        app = TestApp.start(db);
    }

    @AfterAll
    static void stop() {
        app.close();
        db.close();
    }

    private record Run(Optional<Throwable> failure, String out, String err) {
    }

    private static Run loadgen(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Bootstrap<AccessproofConfiguration> bootstrap = new Bootstrap<>(new DevApplication());
        bootstrap.addCommand(new LoadgenCommand(new PrintStream(out, true, StandardCharsets.UTF_8)));
        Cli cli = new Cli(new JarLocation(DevApplication.class), bootstrap, err, err);
        String[] argv = new String[args.length + 1];
        argv[0] = "loadgen";
        System.arraycopy(args, 0, argv, 1, args.length);
        Optional<Throwable> failure = cli.run(argv);
        cli.getStdErr().flush();
        return new Run(failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long count(String sql) {
        return TestApp.jdbi(db).withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String databaseUrl() {
        String hostAndDb = db.jdbcUrl().substring("jdbc:postgresql://".length());
        return "postgres://" + db.user() + (db.password() == null || db.password().isEmpty() ? "" : ":" + db.password())
                + "@" + hostAndDb;
    }

    @Test
    void isRegisteredInTheLauncher() throws Exception {
        CliRunner.Result help = CliRunner.runWith(DevApplication::new, Map.of(), "loadgen", "--help");

        assertThat(help.stdout()).contains("--url", "--rate", "--burst", "--over", "--secret");
    }

    @Test
    void tinyRun_everyEventAccountedFor_andFoundInTheDatabase() throws Exception {
        long rowsBefore = count("SELECT count(*) FROM stripe_events");
        long duplicatesBefore = count("SELECT count(*) FROM stripe_events WHERE delivery_count > 1");
        Run run = loadgen("--url", app.url("/webhooks/stripe"), "--secret", TestApp.SECRET, "--rate", "20",
                "--duration", "1", "--warmup", "0", "--duplicates", "0.2", "--database-url", databaseUrl(),
                "--receipts-url", app.url("/receipts"), "--receipt-secret", TestApp.RECEIPT_SECRET, "--receipt-delay", "0.05");

        assertThat(run.failure()).as(run.err() + run.out()).isEmpty();
        assertThat(run.out()).contains("sent 20 = 2xx 20", "(balanced)", "every 2xx id found in the store", "receipts: sent");
        long duplicates = count("SELECT count(*) FROM stripe_events WHERE delivery_count > 1") - duplicatesBefore;
        long rows = count("SELECT count(*) FROM stripe_events") - rowsBefore;
        assertThat(rows).isBetween(1L, 20L);
        assertThat(duplicates == 0).isEqualTo(rows == 20);
    }

    @Test
    void warmup_isInTheLedgerAndTheStoreCheck_butNotInTheMeasurement() throws Exception {
        Run run = loadgen("--url", app.url("/webhooks/stripe"), "--secret", TestApp.SECRET, "--rate", "20",
                "--duration", "1", "--warmup", "1", "--database-url", databaseUrl());

        assertThat(run.failure()).as(run.err() + run.out()).isEmpty();
        assertThat(run.out()).contains("20.0/s for 1 s after 1 s of warm-up", "sent 40 = 2xx 40", "(balanced)",
                "every 2xx id found in the store", "warm-up: 20 requests, in the ledger and the store check",
                "first second (20 requests)");
    }

    @Test
    void wrongSecret_everyRequestRefused_andTheCommandFails() throws Exception {
        Run run = loadgen("--url", app.url("/webhooks/stripe"), "--secret", "whsec_wrong", "--burst", "5", "--over", "0",
                "--warmup", "0");

        assertThat(run.failure()).isPresent();
        assertThat(run.out()).contains("4xx 5", "(balanced)", "not looked up");
        assertThat(run.err()).contains("5 requests did not get a 2xx");
    }

    @Test
    void noSecret_failsWithOneLine() throws Exception {
        Run run = loadgen("--url", app.url("/webhooks/stripe"), "--secret", "");

        assertThat(run.failure()).isPresent();
        assertThat(run.err()).contains("no signing secret");
    }
}
