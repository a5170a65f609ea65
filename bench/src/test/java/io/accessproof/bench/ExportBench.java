package io.accessproof.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.server.support.CliRunner;
import io.accessproof.server.support.TestApp;
import io.accessproof.store.DataSources;
import io.accessproof.store.Migrations;
import io.accessproof.store.TestPostgres;
import io.dropwizard.testing.ConfigOverride;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Proof records exported and verified at scale: {@code --records} records (each the first of its customer's
 * chain, hashed as the application hashes them) are written, the application starts, {@code ./accessproof export}
 * streams them through the operator API to a file, and {@code verify-export} checks the file. The server and both
 * commands share this JVM; the heap is sampled throughout: the peak in use, and the peak left after each
 * collection (what was really held). {@code bench/run-export.sh [--records 1000000]} (a 256 MiB heap by default).
 */
public final class ExportBench {

    private ExportBench() {
    }

    /** What an export and its verification took. */
    record Result(long records, long lines, double exportSeconds, double verifySeconds, boolean verified,
                  String verifyFailure, long peakUsedMiB, long peakAfterCollectionMiB, long maxHeapMiB) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Stats.args(args, Map.of("records", "1000000"));
        int records = Integer.parseInt(options.get("records"));
        Stats.quietLogging();
        System.out.printf(Locale.ROOT, "export and verify-export of %,d proof records; %s%n", records,
                Stats.machineLoad());
        Result r = measure(records);
        System.out.printf(Locale.ROOT, "  export: %,d lines in %.1f s (%,.0f records/s); verify-export: %s in %.1f s%n",
                r.lines, r.exportSeconds, r.lines / r.exportSeconds, r.verified ? "ok" : "FAILED (" + r.verifyFailure + ")",
                r.verifySeconds);
        System.out.printf(Locale.ROOT, "  heap (server and both commands in one JVM, max %d MiB): peak in use %d MiB, "
                + "peak after a collection %d MiB%n", r.maxHeapMiB, r.peakUsedMiB, r.peakAfterCollectionMiB);
    }

    static Result measure(int records) throws Exception {
        try (TestPostgres.Database db = TestPostgres.freshDatabase()) {
            seed(db, records);
            Path file = Files.createTempFile("proofs", ".jsonl");
            try (TestApp app = TestApp.start(db, ConfigOverride.config("logging.level", "WARN"));
                 HeapSampler heap = new HeapSampler()) {
                long t0 = System.nanoTime();
                CliRunner.Result export = CliRunner.run("export", "--since", "2000-01-01T00:00:00Z",
                        "--output", file.toString(), "--url", app.url(""), "--token", TestApp.API_TOKEN);
                long t1 = System.nanoTime();
                if (export.exitCode() != 0) {
                    throw new IllegalStateException("export failed: " + export.stderr());
                }
                long lines = lines(file);
                long t2 = System.nanoTime();
                CliRunner.Result verify = CliRunner.run("verify-export", file.toString());
                long t3 = System.nanoTime();
                String failure = verify.exitCode() == 0 ? "" : verify.stderr() + verify.failure().map(
                        f -> " " + f).orElse("");
                return new Result(records, lines, (t1 - t0) / 1e9, (t3 - t2) / 1e9, verify.exitCode() == 0,
                        failure.length() > 300 ? failure.substring(0, 300) : failure, heap.peakUsed() >> 20, heap.peakAfterCollection() >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    private static long lines(Path file) throws Exception {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return reader.lines().count();
        }
    }

    /** Records of one customer each, with the hash {@code ProofChain} computes, written by PostgreSQL itself. */
    private static void seed(TestPostgres.Database db, int records) {
        try (HikariDataSource pool = DataSources.pool("seed", db.jdbcUrl(), db.user(), db.password(), 2,
                Duration.ofSeconds(5))) {
            Migrations.migrate(pool);
        }
        Jdbi jdbi = TestApp.jdbi(db);
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO proof_records (event_id, writer, step, customer_id, verdict, recorded_at, record, sha256)
                SELECT 'evt_exp_' || g, 'bench', 1, 'cus_exp_' || g, 'proven', t, rec,
                       encode(sha256(convert_to(E'\\n' || rec, 'UTF8')), 'hex')
                FROM (SELECT g, now() - interval '1 day' + make_interval(secs => g / 100.0) AS t,
                             json_build_object('event_id', 'evt_exp_' || g, 'event_type', 'invoice.paid',
                                 'verdict', 'proven', 'customer_id', 'cus_exp_' || g, 'subscription_id', 'sub_exp_' || g,
                                 'expected', json_build_object('change', 'grant', 'plan', 'pro', 'access', true),
                                 'observed', json_build_object('reachable', true, 'plan', 'pro', 'active', true),
                                 'proof_source', 'probe', 'receipt_ids', json_build_array(),
                                 'deploy_sha', 'bench')::text AS rec
                      FROM generate_series(1, :records) g) s""").bind("records", records).execute());
        jdbi.useHandle(h -> h.execute("VACUUM ANALYZE proof_records"));
    }

    /** Samples the heap every 20 ms until closed. */
    private static final class HeapSampler implements AutoCloseable {
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterCollection = new AtomicLong();
        private final Thread sampler = new Thread(this::sample, "heap-sampler");
        private volatile boolean running = true;

        HeapSampler() {
            System.gc();
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            while (running) {
                long used = 0;
                long afterCollection = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        used += pool.getUsage().getUsed();
                        afterCollection += pool.getCollectionUsage() == null ? 0 : pool.getCollectionUsage().getUsed();
                    }
                }
                peakUsed.accumulateAndGet(used, Math::max);
                peakAfterCollection.accumulateAndGet(afterCollection, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peakUsed() {
            return peakUsed.get();
        }

        long peakAfterCollection() {
            return peakAfterCollection.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            sampler.join();
        }
    }
}
