package io.accessproof.activities.notify;

import io.accessproof.store.Json;
import io.accessproof.store.notifications.NotificationDao;
import io.accessproof.store.notifications.NotifiedIncident;
import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.model.IncidentOpenedNotice;
import io.accessproof.workflows.model.IncidentResolvedNotice;
import io.accessproof.workflows.outcome.NotificationActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the configured sinks and records every attempt on the incident's {@code notified} list, which is
 * also what makes a Temporal retry call only the sinks that have not succeeded yet.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationActivitiesImpl.class);
    private static final int MAX_ERROR = 300;

    private final Jdbi jdbi;
    private final NotificationSettings settings;
    private final List<Sink> sinks;
    private final Clock clock;

    public NotificationActivitiesImpl(Jdbi jdbi, NotificationSettings settings, List<Sink> sinks, Clock clock) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
    }

    @Override
    public void incidentOpened(IncidentOpenedNotice opened) {
        NotifiedIncident incident = load(opened.incidentId());
        String groupedInto = joinGroup(incident);
        List<Sink> targets = sinks.stream()
                .filter(sink -> sink.spec().filter().accepts(incident.kind(), opened.livemode()))
                .filter(sink -> groupedInto == null || !sink.spec().type().pages())
                .toList();
        dispatch(new Notice(NotifyAction.OPEN, incident, opened.livemode(), groupedInto, null, null, clock.instant()),
                targets, Attempts.parse(incident.notified()));
    }

    @Override
    public void incidentResolved(IncidentResolvedNotice resolved) {
        NotifiedIncident incident = load(resolved.incidentId());
        Attempts history = Attempts.parse(incident.notified());
        // Only the sinks the opening reached: a pager must not get a resolve for a page it never had.
        List<Sink> targets = sinks.stream()
                .filter(sink -> history.has(sink.spec(), NotifyAction.OPEN, Attempt.SENT)
                        || settings.shadow() && history.has(sink.spec(), NotifyAction.OPEN, Attempt.SUPPRESSED_BY_SHADOW))
                .toList();
        String groupedInto = history.groupDecision().map(Attempt::groupedInto).orElse(null);
        dispatch(new Notice(NotifyAction.RESOLVE, incident, resolved.livemode(), groupedInto, resolved.how(),
                resolved.note(), clock.instant()), targets, history);
    }

    private void dispatch(Notice notice, List<Sink> targets, Attempts history) {
        String incidentId = notice.incident().incidentId();
        if (settings.shadow()) {
            for (Sink sink : targets) {
                if (!history.has(sink.spec(), notice.action(), Attempt.SUPPRESSED_BY_SHADOW)) {
                    record(incidentId, Attempt.of(sink.spec(), notice.action(), Attempt.SUPPRESSED_BY_SHADOW, null,
                            null, notice.at()));
                }
            }
            LOG.info("shadow mode: {} of incident {} not sent to {} sink(s)", notice.action().wire(), incidentId,
                    targets.size());
            return;
        }
        List<String> failed = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (Sink sink : targets) {
            if (history.settled(sink.spec(), notice.action())) {
                continue;
            }
            Attempt attempt = attempt(sink, notice);
            record(incidentId, attempt);
            String summary = sink.spec().name() + ": " + (attempt.status() != null ? "HTTP " + attempt.status()
                    : attempt.error());
            if (Attempt.FAILED.equals(attempt.outcome())) {
                failed.add(summary);
            } else if (Attempt.REJECTED.equals(attempt.outcome())) {
                rejected.add(summary);
            }
        }
        if (!failed.isEmpty()) {
            throw ApplicationFailure.newFailure("notification of " + incidentId + " failed: "
                    + String.join("; ", failed), FailureType.NOTIFICATION_FAILED.name());
        }
        if (!rejected.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("notification of " + incidentId + " refused: "
                    + String.join("; ", rejected), FailureType.NOTIFICATION_REJECTED.name());
        }
    }

    private Attempt attempt(Sink sink, Notice notice) {
        SinkSpec spec = sink.spec();
        try {
            Integer status = sink.send(notice);
            String outcome = outcome(status);
            LOG.info("{} of incident {} to sink {} ({}): {}{}", notice.action().wire(), notice.incident().incidentId(),
                    spec.name(), spec.type().wire(), outcome, status == null ? "" : " (HTTP " + status + ")");
            return Attempt.of(spec, notice.action(), outcome, status, null, clock.instant());
        } catch (IOException e) {
            String error = describe(e);
            LOG.warn("{} of incident {} to sink {} ({}) failed: {}", notice.action().wire(),
                    notice.incident().incidentId(), spec.name(), spec.type().wire(), error);
            return Attempt.of(spec, notice.action(), Attempt.FAILED, null, error, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        }
    }

    static String outcome(Integer status) {
        if (status == null || status / 100 == 2) {
            return Attempt.SENT;
        }
        return status == 408 || status == 429 || status >= 500 ? Attempt.FAILED : Attempt.REJECTED;
    }

    /** The exception's type and message, never a URL's path or query (a Slack webhook URL is a secret). */
    private static String describe(IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("https?://\\S+", "<url>");
        String text = e.getClass().getSimpleName() + message;
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    /** Decides once, under a lock on the group key, whether the incident leads its group or joins an open one. */
    private String joinGroup(NotifiedIncident incident) {
        if (incident.groupKey() == null) {
            return null;
        }
        String leader = jdbi.inTransaction(handle -> {
            NotificationDao dao = handle.attach(NotificationDao.class);
            dao.lockGroup(incident.groupKey());
            Optional<Attempt> decided = Attempts.parse(dao.find(incident.incidentId()).orElseThrow().notified())
                    .groupDecision();
            if (decided.isPresent()) {
                return decided.get().groupedInto();
            }
            Instant since = incident.openedAt().minus(settings.groupWindow());
            String first = dao.openGroupLeader(incident.groupKey(), incident.incidentId(), incident.openedAt(), since)
                    .orElse(null);
            dao.append(incident.incidentId(), Json.write(Attempt.groupDecision(incident.groupKey(), first,
                    clock.instant())));
            return first;
        });
        if (leader != null) {
            LOG.info("incident {} joins the open group of {} ({}): paging sinks are not called again",
                    incident.incidentId(), leader, incident.groupKey());
        }
        return leader;
    }

    private NotifiedIncident load(String incidentId) {
        return jdbi.withExtension(NotificationDao.class, dao -> dao.find(incidentId)).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("no incident " + incidentId + " to notify about",
                        FailureType.NOTIFICATION_REJECTED.name()));
    }

    private void record(String incidentId, Attempt attempt) {
        jdbi.useExtension(NotificationDao.class, dao -> dao.append(incidentId, Json.write(attempt)));
    }
}
