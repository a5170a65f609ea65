package io.accessproof.store.proofs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a proof record is chained to the customer's previous one; the same rule appends and verifies. */
public final class ProofChain {
    private ProofChain() {
    }

    /** The hex SHA-256 of the previous record's hash (empty for the first), a newline, and this record's text. */
    public static String hash(String prevSha256, String record) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((prevSha256 == null ? "" : prevSha256).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(record.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
