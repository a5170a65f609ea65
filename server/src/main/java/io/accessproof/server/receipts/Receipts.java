package io.accessproof.server.receipts;

import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.CommaLists;
import io.accessproof.server.intake.SignatureVerifier;
import io.accessproof.server.temporal.TemporalConnection;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires {@code POST /receipts}. */
public final class Receipts {
    private Receipts() {
    }

    public static void register(AccessproofConfiguration config, Jdbi jdbi, TemporalConnection temporal,
                                Environment environment) {
        ReceiptDelivery delivery = new ReceiptDelivery(temporal.client(), config.proving,
                config.api.receiptAnswerTimeout.toJavaDuration());
        environment.lifecycle().manage(delivery);
        SignatureVerifier signatures = new SignatureVerifier(CommaLists.split(config.api.receiptSecrets),
                config.stripe.tolerance.toJavaDuration(), Clock.systemUTC());
        environment.jersey().register(new ReceiptsResource(
                new ReceiptAuthenticator(signatures, CommaLists.split(config.api.receiptTokens)),
                new ReceiptIntake(jdbi, delivery), Clock.systemUTC()));
    }
}
