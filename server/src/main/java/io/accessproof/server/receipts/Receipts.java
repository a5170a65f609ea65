package io.accessproof.server.receipts;

import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.CommaLists;
import io.accessproof.server.temporal.TemporalConnection;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Wires {@code POST /receipts}. */
public final class Receipts {
    private Receipts() {
    }

    public static void register(AccessproofConfiguration config, List<ReceiptApp> apps, Jdbi jdbi,
                                TemporalConnection temporal, Environment environment) {
        ReceiptDelivery delivery = new ReceiptDelivery(temporal.client(), config.proving,
                config.api.receiptAnswerTimeout.toJavaDuration());
        environment.lifecycle().manage(delivery);
        environment.jersey().register(new ReceiptsResource(
                new ReceiptAuthenticator(apps, config.stripe.tolerance.toJavaDuration(), Clock.systemUTC()),
                new ReceiptIntake(jdbi, delivery, apps), Clock.systemUTC()));
    }

    /** The configured receipt apps, the flat lists included; refuses to start on an unusable set. */
    public static List<ReceiptApp> apps(AccessproofConfiguration config) {
        List<ReceiptApp> apps = ReceiptApp.all(config.api.receiptApps, CommaLists.split(config.api.receiptSecrets),
                CommaLists.split(config.api.receiptTokens));
        String problem = ReceiptApp.problem(apps);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return apps;
    }
}
