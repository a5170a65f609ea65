package io.accessproof.devkit.demoapp;

/** A row of the demo app's {@code accounts} table: what the customer can use right now, and for how many seats. */
public record Account(String customerId, String plan, boolean active, Integer seats) {

    public Account(String customerId, String plan, boolean active) {
        this(customerId, plan, active, null);
    }

    public Account withSeats(Integer granted) {
        return new Account(customerId, plan, active, granted);
    }
}
