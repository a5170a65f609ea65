package io.accessproof.dev;

import io.accessproof.devkit.demoapp.DemoApp;
import io.accessproof.devkit.demoapp.DemoAppOptions;
import io.accessproof.devkit.stripe.EmulatorOptions;
import io.accessproof.devkit.stripe.StripeEmulator;
import io.accessproof.server.AccessproofConfiguration;
import io.accessproof.server.config.CommaLists;
import io.accessproof.server.runs.ProvingConfig;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.List;

/**
 * The world around accessproof in dev: a Stripe emulator that signs and delivers webhooks to both
 * accessproof and the demo app, and the demo app whose access accessproof proves.
 */
final class DevWorld {
    private DevWorld() {
    }

    static List<AutoCloseable> start(AccessproofConfiguration config, DevBanner banner) {
        String secret = config.stripe.secrets().get(0);
        StripeEmulator emulator = StripeEmulator.start(new EmulatorOptions(config.dev.stripeEmulatorPort,
                // A fresh seed per start: dev keeps its database, so ids of an earlier run must not repeat.
                System.currentTimeMillis()));
        try {
            List<String> receiptSecrets = CommaLists.split(config.api.receiptSecrets);
            String receiptSecret = receiptSecrets.isEmpty() ? null : receiptSecrets.get(0);
            DemoApp demo = DemoApp.start(new DemoAppOptions(config.dev.demoAppPort, config.database.url,
                    config.database.user, config.database.password, "demo_app", secret,
                    accessproofUrl(config) + "/receipts", receiptSecret));
            emulator.seedDemoCatalogue();
            emulator.addWebhookEndpoint(accessproofUrl(config) + "/webhooks/stripe", secret);
            emulator.addWebhookEndpoint(demo.webhookUrl(), secret);
            pointProbeAtDemoApp(config, demo.port());
            if (config.stripe.apiBase == null || config.stripe.apiBase.isBlank()) {
                config.stripe.apiBase = emulator.baseUrl();
            }
            banner.world(emulator.baseUrl(), "http://127.0.0.1:" + demo.port());
            return List.of(emulator::close, demo::close);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    private static void pointProbeAtDemoApp(AccessproofConfiguration config, int demoPort) {
        String defaultTemplate = new ProvingConfig.HttpProbeSettings().urlTemplate;
        if (config.proving.http.urlTemplate.equals(defaultTemplate)) {
            config.proving.http.urlTemplate = "http://127.0.0.1:" + demoPort + "/access/{customer_id}";
        }
    }

    static String accessproofUrl(AccessproofConfiguration config) {
        int port = 8080;
        if (config.getServerFactory() instanceof DefaultServerFactory server
                && server.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http) {
            port = http.getPort();
        }
        return "http://127.0.0.1:" + port;
    }
}
