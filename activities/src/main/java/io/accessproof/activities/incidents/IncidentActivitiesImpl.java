package io.accessproof.activities.incidents;

import io.accessproof.store.Json;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.incidents.IncidentDao;
import io.accessproof.store.incidents.NewIncident;
import io.accessproof.workflows.model.Evidence;
import io.accessproof.workflows.model.IncidentKind;
import io.accessproof.workflows.model.IncidentRequest;
import io.accessproof.workflows.model.IncidentResolution;
import io.accessproof.workflows.outcome.IncidentActivities;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens and resolves incidents in PostgreSQL. Opening is idempotent on the run: a retried activity, or a
 * second deadline of the same run, finds the open incident and returns its id.
 */
public final class IncidentActivitiesImpl implements IncidentActivities {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentActivitiesImpl.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The delivery evidence of an event the missed-event sweep found: Stripe never delivered it to the endpoint. */
    static final Map<String, Object> NEVER_DELIVERED = Map.of(
            "delivered_to_endpoint", false,
            "found_by", "missed-event sweep (GET /v1/events)",
            "check", "the webhook endpoint in Stripe (Developers > Webhooks): is it enabled, does it listen to "
                    + "this event type, and what did its delivery attempts answer? The app may have missed the "
                    + "event too");

    private final Jdbi jdbi;
    private final IncidentLinks links;
    private final Consumer<String> opened;

    public IncidentActivitiesImpl(Jdbi jdbi, IncidentLinks links) {
        this(jdbi, links, kind -> { });
    }

    /** @param opened told the kind of each incident this opens (metrics); once per incident, retries included */
    public IncidentActivitiesImpl(Jdbi jdbi, IncidentLinks links, Consumer<String> opened) {
        this.jdbi = jdbi;
        this.links = links;
        this.opened = opened;
    }

    @Override
    public String open(IncidentRequest request) {
        Evidence e = request.evidence();
        NewIncident incident = new NewIncident(newId(), request.eventId(), request.kind().wire(), request.title(),
                e.customerId(), e.subscriptionId(), e.eventType(), e.deploySha(), e.reasonCode(),
                groupKey(request), Json.write(packet(request)), Instant.ofEpochMilli(request.atMillis()));
        String id = jdbi.inTransaction(handle -> {
            IncidentDao incidents = handle.attach(IncidentDao.class);
            String openId = incidents.insertIfNoneOpen(incident) == 1
                    ? incident.incidentId()
                    : incidents.openFor(request.eventId()).orElseThrow();
            incidents.linkRun(request.eventId(), openId);
            return openId;
        });
        if (id.equals(incident.incidentId())) {
            opened.accept(request.kind().wire());
        }
        LOG.warn("incident {} kind={} event={} customer={} subscription={}: {}", id, request.kind().wire(),
                request.eventId(), e.customerId(), e.subscriptionId(), request.title());
        return id;
    }

    @Override
    public void resolve(IncidentResolution resolution) {
        int resolved = jdbi.withExtension(IncidentDao.class,
                dao -> dao.resolveOpen(resolution.eventId(), resolution.how(), resolution.note()));
        if (resolved > 0) {
            LOG.info("incident of event {} resolved ({})", resolution.eventId(), resolution.how());
        }
    }

    /** The evidence as the workflow gathered it, plus what only the service knows. */
    private Map<String, Object> packet(IncidentRequest request) {
        Evidence e = request.evidence();
        Map<String, Object> packet = new LinkedHashMap<>(Json.MAPPER.convertValue(e, Map.class));
        packet.put("accessproof_version", links.accessproofVersion());
        packet.put("temporal_link", links.workflowLink(request.eventId()));
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("stripe_still_retrying", e.stripeStillRetrying());
        retry.put("retry_safe", true);
        retry.put("why_safe", "accessproof only reads Stripe and the app; a retry re-checks and never re-applies anything");
        retry.put("command", request.kind() == IncidentKind.DRIFT ? "./accessproof audit --no-dry-run"
                : IncidentLinks.retryCommand(request.eventId()));
        packet.put("retry", retry);
        packet.put("cannot_verify", request.kind().cannotVerify());
        String action = CannotVerifyActions.forKind(request.kind());
        if (action != null) {
            packet.put("what_to_do", action);
        }
        if ("sweep".equals(jdbi.onDemand(StripeEventDao.class).source(request.eventId()).orElse(null))) {
            packet.put("delivery", NEVER_DELIVERED);
        }
        return packet;
    }

    /**
     * Incidents with the same cause share a group: one broken deploy is one page with a count, and so is
     * one refused key or one Stripe outage, whatever deploy the app runs.
     */
    private static String groupKey(IncidentRequest request) {
        Evidence e = request.evidence();
        // A drift audit pages once (its reason code names the audit), whatever deploys the customers' apps run.
        boolean byReason = request.kind().cannotVerify() || request.kind() == IncidentKind.DRIFT;
        String cause = byReason ? "reason:" + e.reasonCode()
                : e.deploySha() != null ? "deploy:" + e.deploySha()
                : e.reasonCode() != null ? "reason:" + e.reasonCode()
                : "type:" + e.eventType();
        return request.kind().wire() + "|" + cause;
    }

    private static String newId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "inc_" + HexFormat.of().formatHex(bytes);
    }
}
