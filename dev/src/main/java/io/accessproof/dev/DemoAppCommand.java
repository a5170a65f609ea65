package io.accessproof.dev;

import io.accessproof.devkit.demoapp.DemoApp;
import io.accessproof.devkit.demoapp.DemoAppOptions;
import io.accessproof.devkit.standins.PostgresLocator;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.net.InetAddress;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code demo-app}: the demo SaaS on its own, e.g. as the optional service of docker compose. */
public final class DemoAppCommand extends Command {

    public DemoAppCommand() {
        super("demo-app", "Runs the demo app alone: it applies Stripe webhooks and serves /access/{customer_id}");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--port").type(Integer.class).setDefault(8082).help("port to listen on");
        subparser.addArgument("--bind").setDefault("127.0.0.1")
                .help("address to listen on (0.0.0.0 in a container, so others reach it by name)");
        subparser.addArgument("--database-url").setDefault(System.getenv("DATABASE_URL"))
                .help("PostgreSQL (jdbc:postgresql://… or postgres://…); default DATABASE_URL");
        subparser.addArgument("--webhook-secret").help("default: STRIPE_WEBHOOK_SECRET, else the dev secret");
        subparser.addArgument("--receipts-url").help("accessproof's /receipts URL; none: no receipts sent");
        subparser.addArgument("--receipt-secret").help("default: ACCESSPROOF_RECEIPT_SECRET");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        PostgresLocator.Located db = PostgresLocator.locate(namespace.getString("database_url"), "accessproof", null);
        DemoApp app = DemoApp.start(new DemoAppOptions(namespace.getInt("port"), db.jdbcUrl(), db.user(),
                db.password(), "demo_app", DevSecrets.webhookSecret(namespace.getString("webhook_secret")),
                namespace.getString("receipts_url"), DevSecrets.receiptSecret(namespace.getString("receipt_secret"))),
                InetAddress.getByName(namespace.getString("bind")));
        System.out.println("demo app on http://" + namespace.getString("bind") + ":" + app.port() + " (" + db.description() + ")");
        Blocking.untilShutdown(() -> {
            app.close();
            db.close();
        });
    }
}
