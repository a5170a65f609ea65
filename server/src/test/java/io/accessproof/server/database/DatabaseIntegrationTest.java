package io.accessproof.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessproof.store.TestPostgres;
import io.dropwizard.util.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proving under load must never take the connection a webhook is waiting for. */
class DatabaseIntegrationTest {
    private TestPostgres.Database db;
    private Database database;
    private final List<Handle> held = new ArrayList<>();

    @BeforeEach
    void open() {
        db = TestPostgres.freshDatabase();
        DatabaseConfig config = new DatabaseConfig();
        config.url = db.jdbcUrl();
        config.user = db.user();
        config.password = db.password();
        config.maxSize = 2;
        config.workerMaxSize = 2;
        config.workerMaxWaitForConnection = Duration.milliseconds(300);
        database = Database.open(config);
    }

    @AfterEach
    void close() {
        held.forEach(Handle::close);
        database.stop();
        db.close();
    }

    @Test
    void aWorkerHoldingAllItsConnections_leavesTheRequestPoolFree() {
        for (int i = 0; i < 2; i++) {
            held.add(database.workerJdbi().open());
        }
        assertThatThrownBy(() -> database.workerJdbi().open()).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("accessproof-worker");

        int answer = database.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());

        assertThat(answer).isEqualTo(1);
    }
}
