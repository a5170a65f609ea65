package io.accessproof.dev;

import io.accessproof.devkit.stripe.EmulatorOptions;
import io.accessproof.devkit.stripe.StripeEmulator;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.net.InetAddress;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code emulator}: the Stripe API emulator on its own, e.g. as the optional service of docker compose. */
public final class EmulatorCommand extends Command {

    public EmulatorCommand() {
        super("emulator", "Runs the loopback Stripe API emulator alone (demo catalogue seeded)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--port").type(Integer.class).setDefault(12111).help("port to listen on");
        subparser.addArgument("--bind").setDefault("127.0.0.1")
                .help("address to listen on (0.0.0.0 in a container, so others reach it by name)");
        subparser.addArgument("--webhook").nargs("*").setDefault(List.of())
                .help("endpoint URL to deliver events to; repeat for several");
        subparser.addArgument("--secret").help("signing secret of those endpoints (default: STRIPE_WEBHOOK_SECRET, "
                + "else the dev secret)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        StripeEmulator emulator = StripeEmulator.start(new EmulatorOptions(namespace.getInt("port"),
                System.currentTimeMillis()), InetAddress.getByName(namespace.getString("bind")));
        emulator.seedDemoCatalogue();
        List<String> webhooks = namespace.getList("webhook");
        for (String url : webhooks) {
            emulator.addWebhookEndpoint(url, DevSecrets.webhookSecret(namespace.getString("secret")));
        }
        System.out.println("Stripe emulator on " + emulator.baseUrl() + ", delivering to " + webhooks);
        Blocking.untilShutdown(emulator);
    }
}
