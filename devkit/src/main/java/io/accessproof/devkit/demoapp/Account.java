package io.accessproof.devkit.demoapp;

/** A row of the demo app's {@code accounts} table: what the customer can use right now. */
public record Account(String customerId, String plan, boolean active) {
}
