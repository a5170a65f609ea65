package io.accessproof.dev;

/** Secrets of the stand-alone dev servers: a flag, else the environment, else the development default. */
final class DevSecrets {
    static final String DEV_WEBHOOK_SECRET = "whsec_accessproof_dev_only_not_a_secret";

    private DevSecrets() {
    }

    static String webhookSecret(String flag) {
        return firstSet(flag, System.getenv("STRIPE_WEBHOOK_SECRET"), DEV_WEBHOOK_SECRET);
    }

    static String receiptSecret(String flag) {
        return firstSet(flag, System.getenv("ACCESSPROOF_RECEIPT_SECRET"), null);
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
