package io.accessproof.activities.notify;

import java.io.IOException;

/** Somewhere an incident notification goes. */
public interface Sink {

    SinkSpec spec();

    /**
     * Sends one notification.
     *
     * @return the HTTP status the receiver answered, or null for a sink that is not HTTP
     * @throws IOException when the receiver could not be reached or did not answer in time
     */
    Integer send(Notice notice) throws IOException, InterruptedException;
}
