package io.accessproof.activities.notify;

import io.accessproof.store.notifications.NotifiedIncident;
import java.time.Instant;

/**
 * One notification about one incident, as every sink receives it.
 *
 * @param groupedInto the first incident of this incident's group when it is not that first one, else null
 * @param how         for {@link NotifyAction#RESOLVE}: how it was resolved; else null
 */
public record Notice(NotifyAction action, NotifiedIncident incident, Boolean livemode, String groupedInto,
        String how, String note, Instant at) {
}
