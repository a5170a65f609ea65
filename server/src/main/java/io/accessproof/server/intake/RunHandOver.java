package io.accessproof.server.intake;

import io.accessproof.store.events.PendingEvent;

/** What the outbox does with a stored event in Temporal ({@link RunStarter} in the application). */
public interface RunHandOver {
    /** Starts the event's run once (a run that exists gets the event); throws when Temporal refuses. */
    void startOnce(PendingEvent event);

    /** An ignored event a receipt came before: the run that receipt created closes not applicable. */
    void closeUntracked(PendingEvent event);
}
