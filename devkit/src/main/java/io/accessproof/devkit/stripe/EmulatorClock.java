package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator's notion of "now": wall time plus an offset moved by {@code /_emulator/clock/advance};
 * a customer attached to a test clock lives at that clock's frozen_time instead.
 */
final class EmulatorClock {
    private volatile long offsetSeconds;

    long now() {
        return System.currentTimeMillis() / 1000 + offsetSeconds;
    }

    void advance(long seconds) {
        offsetSeconds += seconds;
    }

    /** Now for objects of this customer (null customer → emulator time). Caller holds the store lock. */
    long nowFor(Store store, String account, ObjectNode customer) {
        String clockId = customer == null ? null : text(customer, "test_clock");
        ObjectNode clock = clockId == null ? null : store.get(account, clockId);
        return clock == null ? now() : clock.get("frozen_time").asLong();
    }

    static String text(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
