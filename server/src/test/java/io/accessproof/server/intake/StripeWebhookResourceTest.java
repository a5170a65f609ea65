package io.accessproof.server.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.activities.events.EventParser;
import io.accessproof.server.api.ApiError;
import io.accessproof.server.support.StripeSigning;
import io.accessproof.server.tracing.Tracing;
import io.accessproof.store.events.StripeEventDao;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

/** Decisions of the webhook resource that need no server: modes, storage failures, wake-ups. */
class StripeWebhookResourceTest {
    private static final String SECRET = "whsec_unit";
    private final StripeEventDao events = mock(StripeEventDao.class);
    private final StripeConfig config = new StripeConfig();
    private final AtomicInteger pokes = new AtomicInteger();
    private final MetricRegistry metrics = new MetricRegistry();

    @Test
    void liveEventOnATestOnlyEndpoint_isRefusedAndNotStored() throws Exception {
        config.acceptLivemode = false;

        Response response = send(event(true));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(((ApiError) response.getEntity()).error()).isEqualTo("live-mode events are not accepted by this endpoint");
        verify(events, never()).insertOrCountDelivery(any());
    }

    @Test
    void storeUnavailable_answers503SoStripeRetries_andWakesNobody() throws Exception {
        when(events.insertOrCountDelivery(any())).thenThrow(new ConnectionException(new java.sql.SQLException("down")));

        Response response = send(event(false));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(pokes).hasValue(0);
        assertThat(metrics.meter("intake.store_unavailable").getCount()).isEqualTo(1);
    }

    @Test
    void newEvent_wakesTheDispatcher_duplicateDoesNot() throws Exception {
        when(events.insertOrCountDelivery(any())).thenReturn(true, false);

        assertThat(send(event(false)).getStatus()).isEqualTo(200);
        assertThat(send(event(false)).getStatus()).isEqualTo(200);

        assertThat(pokes).hasValue(1);
        assertThat(metrics.meter("intake.accepted").getCount()).isEqualTo(1);
        assertThat(metrics.meter("intake.duplicate").getCount()).isEqualTo(1);
    }

    private Response send(String body) throws Exception {
        StripeWebhookResource resource = new StripeWebhookResource(
                new SignatureVerifier(List.of(SECRET), config.tolerance.toJavaDuration(), Clock.systemUTC()),
                new EventParser(new ObjectMapper(), config.runEventTypes), events::insertOrCountDelivery, config,
                new IntakeMetrics(metrics), pokes::incrementAndGet, Tracing.OFF);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return resource.receive(StripeSigning.header(body, SECRET), "application/json", (long) bytes.length,
                new ByteArrayInputStream(bytes));
    }

    private static String event(boolean livemode) {
        return "{\"id\":\"evt_unit\",\"object\":\"event\",\"type\":\"invoice.paid\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":" + livemode
                + ",\"data\":{\"object\":{\"id\":\"in_1\",\"object\":\"invoice\"}}}";
    }
}
