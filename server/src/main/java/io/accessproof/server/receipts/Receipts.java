package io.accessproof.server.receipts;

import io.accessproof.server.api.ApiConfig;
import io.accessproof.server.api.ReceiptApp;
import io.accessproof.server.runs.ProvingConfig;
import io.accessproof.server.temporal.TemporalConnection;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Wires {@code POST /receipts}. */
public final class Receipts {
    private Receipts() {
    }

    /** @param tolerance how far a receipt's timestamp may be from now, as for Stripe's signatures */
    public static void register(ApiConfig api, ProvingConfig proving, Duration tolerance, List<ReceiptApp> apps,
                                Jdbi jdbi, TemporalConnection temporal, Environment environment) {
        ReceiptDelivery delivery = new ReceiptDelivery(temporal.client(), proving,
                api.receiptAnswerTimeout.toJavaDuration());
        environment.lifecycle().manage(delivery);
        environment.jersey().register(new ReceiptsResource(
                new ReceiptAuthenticator(apps, tolerance, Clock.systemUTC()),
                new ReceiptIntake(jdbi, delivery, apps), Clock.systemUTC()));
    }
}
