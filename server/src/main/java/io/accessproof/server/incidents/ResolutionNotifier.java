package io.accessproof.server.incidents;

import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the sinks that an operator resolved an incident (by hand, by terminate, by a restarting retry),
 * so that PagerDuty closes its page as it does for a late proof. Off the request path, with a few paced
 * attempts; each attempt calls only the sinks that have not yet succeeded.
 */
public final class ResolutionNotifier implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ResolutionNotifier.class);
    private static final List<Duration> ATTEMPTS = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));

    private final NotificationActivities sinks;
    private final ScheduledExecutorService attempts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "resolution-notifier");
        thread.setDaemon(true);
        return thread;
    });

    public ResolutionNotifier(NotificationActivities sinks) {
        this.sinks = sinks;
    }

    public void resolved(String incidentId, String eventId, Boolean livemode, String how, String note) {
        IncidentResolvedNotice notice = new IncidentResolvedNotice(incidentId, eventId, livemode, how, note,
                System.currentTimeMillis());
        schedule(notice, 0);
    }

    private void schedule(IncidentResolvedNotice notice, int attempt) {
        attempts.schedule(() -> {
            try {
                sinks.incidentResolved(notice);
            } catch (RuntimeException e) {
                if (attempt + 1 < ATTEMPTS.size()) {
                    schedule(notice, attempt + 1);
                } else {
                    LOG.warn("sinks were not told that incident {} was resolved: {}", notice.incidentId(),
                            e.getMessage());
                }
            }
        }, ATTEMPTS.get(attempt).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        attempts.shutdownNow();
    }
}
