package io.accessproof.devkit.demoapp;

/**
 * How the demo app listens, stores and reports.
 *
 * @param webhookSecret  Stripe signing secret(s), comma-separated
 * @param receiptsUrl    where receipts go (e.g. accessproof's {@code /receipts}); null: none sent
 * @param receiptSecret  signs receipts; null: none sent
 * @param deploySha      reported in {@code X-Deploy-Sha} and in receipts
 */
public record DemoAppOptions(int port, String jdbcUrl, String dbUser, String dbPassword, String schema,
                             String webhookSecret, String receiptsUrl, String receiptSecret, String deploySha) {

    public static final String DEFAULT_DEPLOY_SHA = "demo-0001";

    public DemoAppOptions(int port, String jdbcUrl, String dbUser, String dbPassword, String schema,
                          String webhookSecret, String receiptsUrl, String receiptSecret) {
        this(port, jdbcUrl, dbUser, dbPassword, schema, webhookSecret, receiptsUrl, receiptSecret, DEFAULT_DEPLOY_SHA);
    }

    public DemoAppOptions {
        if (schema == null || !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier: " + schema);
        }
    }

    public DemoAppOptions withDeploySha(String sha) {
        return new DemoAppOptions(port, jdbcUrl, dbUser, dbPassword, schema, webhookSecret, receiptsUrl, receiptSecret, sha);
    }
}
