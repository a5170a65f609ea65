package io.accessproof.workflows.audit;

import io.accessproof.workflows.model.IncidentOpenedNotice;
import java.util.List;

/**
 * One page of an audit.
 *
 * @param finished  no page is left: the audit is done
 * @param cancelled the audit was cancelled (or is no longer running): nothing was done
 * @param opened    drift incidents this page opened, to be notified
 */
public record AuditPage(boolean finished, boolean cancelled, List<IncidentOpenedNotice> opened) {
    public AuditPage {
        opened = opened == null ? List.of() : List.copyOf(opened);
    }
}
