package io.accessproof.dev;

import io.accessproof.server.AccessproofConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Path;

/** What a newcomer needs on screen once {@code dev} is up: URLs, secrets in use, commands to try. */
final class DevBanner {
    private final AccessproofConfiguration config;
    private String database = "?";
    private String emulatorUrl;
    private String demoUrl;

    DevBanner(AccessproofConfiguration config) {
        this.config = config;
    }

    void database(String description) {
        this.database = description;
    }

    void world(String emulatorUrl, String demoUrl) {
        this.emulatorUrl = emulatorUrl;
        this.demoUrl = demoUrl;
    }

    void print() {
        String app = DevWorld.accessproofUrl(config);
        String secret = config.stripe.secrets().get(0);
        String token = config.api.tokens.isEmpty() ? "(none)" : config.api.tokens.get(0);
        String temporal = config.temporal.embedded
                ? "embedded test server on 127.0.0.1:" + config.temporal.embeddedPort + " (in memory, real time)"
                : config.temporal.target + " (TEMPORAL_TARGET)";
        String text = String.join("\n",
                "",
                "  accessproof dev is up",
                "  ---------------------",
                "  API + webhooks   " + app + "   (POST /webhooks/stripe, POST /receipts, /api/…)",
                "  admin            http://127.0.0.1:" + adminPort() + "/healthcheck   (and /metrics for Prometheus, /metrics.json)",
                "  PostgreSQL       " + database,
                "  data folder      " + Path.of(config.dev.dataDirectory).toAbsolutePath().normalize()
                        + "   (ACCESSPROOF_DATA_DIR; database name: ACCESSPROOF_DATABASE)",
                "  Temporal         " + temporal,
                "  Stripe emulator  " + emulatorUrl + "   (Stripe's API; api key: any sk_test_…)",
                "  reconcile reads  " + config.stripe.apiBase + (config.stripe.apiBase.equals(emulatorUrl) ? "   (the emulator)" : "   (STRIPE_API_BASE)"),
                "  demo app         " + demoUrl + "/access/{customer_id}",
                "",
                "  webhook secret   " + secret + (System.getenv("STRIPE_WEBHOOK_SECRET") == null ? "   (development default)" : ""),
                "  operator token   " + token + (System.getenv("ACCESSPROOF_API_TOKEN") == null ? "   (development default)" : ""),
                "",
                "  Send a correctly signed sample event:",
                "    " + sampleEventCommand(app, secret),
                "",
                "  Pay for a plan in the emulator, exactly as against Stripe (the event reaches accessproof and the demo app):",
                "    S=" + emulatorUrl,
                "    cus=$(curl -s $S/v1/customers -u sk_test_dev: -d email=ada@example.com | sed 's/.*\"id\":\"\\(cus_[^\"]*\\)\".*/\\1/')",
                "    price=$(curl -s \"$S/v1/prices?lookup_keys[]=pro_monthly\" -u sk_test_dev: | sed 's/.*\"id\":\"\\(price_[^\"]*\\)\".*/\\1/')",
                "    curl -s $S/v1/subscriptions -u sk_test_dev: -d customer=$cus -d \"items[0][price]=$price\"",
                "    curl -s " + demoUrl + "/access/$cus",
                "",
                "  Ctrl-C stops everything.",
                "");
        System.out.println(text);
    }

    private int adminPort() {
        if (config.getServerFactory() instanceof DefaultServerFactory server
                && server.getAdminConnectors().get(0) instanceof HttpConnectorFactory http) {
            return http.getPort();
        }
        return 8081;
    }

    /** A one-line shell command that signs a sample event like Stripe does, with openssl, and posts it. */
    static String sampleEventCommand(String appUrl, String secret) {
        return "e='{\"id\":\"evt_sample_'$(date +%s)'\",\"object\":\"event\",\"type\":\"customer.subscription.created\","
                + "\"created\":'$(date +%s)',\"livemode\":false,\"api_version\":\"2025-03-31.basil\","
                + "\"data\":{\"object\":{\"id\":\"sub_sample\",\"object\":\"subscription\",\"customer\":\"cus_sample\","
                + "\"status\":\"active\"}}}'; t=$(date +%s); "
                + "s=$(printf '%s.%s' \"$t\" \"$e\" | openssl dgst -sha256 -hmac '" + secret + "' | sed 's/^.* //'); "
                + "curl -s " + appUrl + "/webhooks/stripe -H 'Content-Type: application/json' "
                + "-H \"Stripe-Signature: t=$t,v1=$s\" -d \"$e\"";
    }
}
