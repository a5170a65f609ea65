package io.accessproof.store;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** A fresh database with accessproof's schema, a pool on it and its Jdbi; closing drops the database. */
public record TestStore(TestPostgres.Database db, HikariDataSource pool, Jdbi jdbi) implements AutoCloseable {

    public static TestStore open(int poolSize) {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        HikariDataSource pool = DataSources.pool("test", db.jdbcUrl(), db.user(), db.password(), poolSize,
                Duration.ofSeconds(2));
        Migrations.migrate(pool);
        return new TestStore(db, pool, Jdbis.create(pool));
    }

    @Override
    public void close() {
        pool.close();
        db.close();
    }
}
