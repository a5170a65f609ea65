package io.accessproof.activities.notify;

import io.accessproof.store.notifications.NotifiedIncident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured log line per notification: ids and the title, never the evidence packet. */
public final class LogSink implements Sink {
    private static final Logger LOG = LoggerFactory.getLogger("accessproof.incidents");

    private final SinkSpec spec;

    public LogSink(SinkSpec spec) {
        this.spec = spec;
    }

    @Override
    public SinkSpec spec() {
        return spec;
    }

    @Override
    public Integer send(Notice notice) {
        NotifiedIncident i = notice.incident();
        LOG.warn("incident_notification action={} incident={} kind={} event={} event_type={} customer={} "
                        + "subscription={} livemode={} deploy_sha={} group={} grouped_into={} how={} title=\"{}\"",
                notice.action().wire(), i.incidentId(), i.kind(), i.eventId(), i.eventType(), i.customerId(),
                i.subscriptionId(), notice.livemode(), i.deploySha(), i.groupKey(), notice.groupedInto(),
                notice.how(), i.title());
        return null;
    }
}
