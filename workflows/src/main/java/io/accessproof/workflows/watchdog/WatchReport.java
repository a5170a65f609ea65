package io.accessproof.workflows.watchdog;

import io.accessproof.workflows.model.IncidentOpenedNotice;
import java.util.List;

/**
 * One look at the stalled runs.
 *
 * @param redriven   runs whose workflow Temporal no longer knows, handed back to the outbox
 * @param terminated runs whose workflow was terminated outside accessproof, recorded as terminated
 * @param stalled    run_stalled incidents opened this time, to be notified
 */
public record WatchReport(int redriven, int terminated, List<IncidentOpenedNotice> stalled) {
    public WatchReport {
        stalled = stalled == null ? List.of() : List.copyOf(stalled);
    }
}
