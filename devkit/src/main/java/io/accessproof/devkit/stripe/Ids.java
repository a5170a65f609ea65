package io.accessproof.devkit.stripe;

import java.util.Random;

/** Stripe-looking ids ({@code cus_…}, {@code sub_…}) drawn from a seeded generator: same seed, same ids. */
final class Ids {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    synchronized String next(String prefix) {
        return prefix + "_" + token(14);
    }

    synchronized String secret(String prefix) {
        return prefix + "_" + token(32);
    }

    private String token(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
