package io.accessproof.server.intake;

import io.accessproof.store.events.StoredEvent;

/** Where the intake makes an event durable before it answers Stripe. */
@FunctionalInterface
public interface EventStore {
    /**
     * Stores the event, or counts a redelivery of one already stored; returns true when this call stored it.
     *
     * @throws org.jdbi.v3.core.JdbiException when PostgreSQL cannot take it now (the intake answers 503)
     */
    boolean store(StoredEvent event);
}
