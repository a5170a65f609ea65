package io.accessproof.activities.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.StripeClient;
import io.accessproof.activities.events.EventParser;
import io.accessproof.activities.events.InvalidEventException;
import io.accessproof.activities.reconcile.StripeRateLimiter;
import io.accessproof.activities.reconcile.StripeReader;
import io.accessproof.store.events.StoredEvent;
import io.accessproof.store.events.StripeEventDao;
import io.accessproof.store.sweeps.SweepDao;
import io.accessproof.workflows.sweep.SweepActivities;
import io.accessproof.workflows.sweep.SweepReport;
import io.accessproof.workflows.sweep.SweepRequest;
import io.temporal.activity.Activity;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A sweep pass: Stripe's {@code /v1/events}, a page at a time, against what the intake stored. */
public final class SweepActivitiesImpl implements SweepActivities {
    private static final Logger LOG = LoggerFactory.getLogger(SweepActivitiesImpl.class);
    /** Stripe keeps events for 30 days; older ones cannot be listed. */
    static final Duration STRIPE_EVENT_WINDOW = Duration.ofDays(30);
    static final String SOURCE = "sweep";
    /** 30 days of a busy account's billing events: ten million; a list longer than that is a runaway. */
    static final int MAX_PAGES = 100_000;

    private final Jdbi jdbi;
    private final StripeClient stripe;
    private final StripeRateLimiter limiter;
    private final EventParser parser;
    private final String keyMode;
    private final Clock clock;
    private final IntConsumer onFound;
    private final Runnable heartbeat;

    /**
     * @param keyMode the mode of the API key ({@code test} or {@code live}): each mode has its own events and cursor
     * @param onFound told how many never-delivered events each page found (the {@code sweep.found} metric)
     */
    public SweepActivitiesImpl(Jdbi jdbi, StripeClient stripe, StripeRateLimiter limiter, EventParser parser,
                               String keyMode, Clock clock, IntConsumer onFound) {
        this(jdbi, stripe, limiter, parser, keyMode, clock, onFound, () -> Activity.getExecutionContext().heartbeat(null));
    }

    SweepActivitiesImpl(Jdbi jdbi, StripeClient stripe, StripeRateLimiter limiter, EventParser parser, String keyMode,
                        Clock clock, IntConsumer onFound, Runnable heartbeat) {
        this.jdbi = jdbi;
        this.stripe = stripe;
        this.limiter = limiter;
        this.parser = parser;
        this.keyMode = keyMode;
        this.clock = clock;
        this.onFound = onFound;
        this.heartbeat = heartbeat;
    }

    @Override
    public SweepReport sweep(SweepRequest request) {
        SweepDao sweeps = jdbi.onDemand(SweepDao.class);
        Instant now = clock.instant();
        Instant until = now.minusSeconds(request.settleSeconds());
        Instant since = since(request, sweeps, now);
        sweeps.start(request.sweepId(), request.advanceCursor(), since, until);
        Tally tally = new Tally();
        try {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("types", request.types());
            query.put("created[gte]", since.getEpochSecond());
            query.put("created[lte]", until.getEpochSecond());
            new StripeReader(stripe, limiter, null, keyMode, null).forEachPage("/v1/events", query,
                    "the event list", MAX_PAGES, page -> {
                        tally.add(page);
                        sweeps.progress(request.sweepId(), tally.pages, tally.listed, tally.stored, tally.dispatched);
                        heartbeat.run();
                    });
        } catch (RuntimeException e) {
            sweeps.fail(request.sweepId(), e.getMessage());
            throw e;
        }
        if (request.advanceCursor()) {
            sweeps.advance(keyMode, until);
        }
        sweeps.finish(request.sweepId());
        if (tally.dispatched > 0) {
            LOG.warn("sweep {} found {} Stripe events never delivered to the endpoint ({} listed since {})",
                    request.sweepId(), tally.dispatched, tally.listed, since);
        }
        return new SweepReport(request.sweepId(), since.getEpochSecond(), until.getEpochSecond(), tally.pages,
                tally.listed, tally.stored, tally.dispatched);
    }

    /** From the request, else the cursor less the overlap, else the backfill; never before Stripe's window. */
    private Instant since(SweepRequest request, SweepDao sweeps, Instant now) {
        Instant since = request.sinceEpoch() != null ? Instant.ofEpochSecond(request.sinceEpoch())
                : sweeps.cursor(keyMode).map(c -> c.minusSeconds(request.overlapSeconds()))
                        .orElse(now.minusSeconds(request.backfillSeconds()));
        Instant oldest = now.minus(STRIPE_EVENT_WINDOW);
        return since.isBefore(oldest) ? oldest : since;
    }

    /** The pass's counts; stores the page's events that were never delivered. */
    private final class Tally {
        int pages;
        int listed;
        int stored;
        int dispatched;

        void add(JsonNode page) {
            pages++;
            listed += page.size();
            String[] ids = new String[page.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = page.get(i).path("id").asText();
            }
            StripeEventDao events = jdbi.onDemand(StripeEventDao.class);
            Set<String> known = new HashSet<>(events.storedAmong(ids));
            int found = 0;
            for (JsonNode event : page) {
                if (!known.contains(event.path("id").asText()) && store(events, event)) {
                    found++;
                }
            }
            stored += known.size();
            dispatched += found;
            if (found > 0) {
                onFound.accept(found);
            }
        }

        private boolean store(StripeEventDao events, JsonNode event) {
            String json = event.toString();
            try {
                StoredEvent parsed = parser.parse(json, json.getBytes(StandardCharsets.UTF_8), SOURCE);
                return events.insertIfAbsent(parsed);
            } catch (InvalidEventException e) {
                LOG.warn("swept event {} cannot be stored: {}", event.path("id").asText(), e.getMessage());
                return false;
            }
        }
    }
}
