package io.accessproof.server.runs;

import com.zaxxer.hikari.HikariDataSource;
import io.accessproof.activities.probes.HttpProbe;
import io.accessproof.activities.probes.HttpProbeConfig;
import io.accessproof.activities.probes.Probe;
import io.accessproof.activities.probes.SqlProbe;
import io.accessproof.activities.probes.SqlProbeConfig;
import io.accessproof.store.DataSources;
import io.accessproof.workflows.model.Observation;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;

/** Builds the configured probe once; the worker's activities and the customer lookup share it. */
public final class Probes {
    private Probes() {
    }

    public static Probe build(ProvingConfig proving, Environment environment) {
        return switch (proving.probe) {
            case HTTP -> new HttpProbe(new HttpProbeConfig(proving.http.urlTemplate, proving.http.headers,
                    proving.http.planPointer, proving.http.activePointer, proving.http.featuresPointer,
                    proving.http.deployShaHeader, proving.http.deployShaPointer,
                    proving.http.connectTimeout.toJavaDuration(), proving.http.timeout.toJavaDuration(),
                    proving.http.seatsPointer));
            case SQL -> sqlProbe(proving.sql, environment);
            case RECEIPT -> customerId -> new Observation(false, null, false, List.of(), null,
                    System.currentTimeMillis(), "no probe configured: receipts are the proof");
        };
    }

    private static Probe sqlProbe(ProvingConfig.SqlProbeSettings sql, Environment environment) {
        HikariDataSource appDatabase = DataSources.pool("app-probe", sql.url, sql.user, sql.password, 4,
                Duration.ofSeconds(1));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                appDatabase.close();
            }
        });
        return new SqlProbe(new SqlProbeConfig(sql.query, sql.statementTimeout.toJavaDuration()), appDatabase);
    }
}
