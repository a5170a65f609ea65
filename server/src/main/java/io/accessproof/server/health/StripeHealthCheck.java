package io.accessproof.server.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.annotation.Async;
import io.accessproof.activities.reconcile.StripeKeyCheck;
import io.accessproof.store.events.StripeEventDao;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Can accessproof read Stripe? Once a minute (one read, inside the shared Stripe budget): the key is
 * accepted, and its mode is the mode of the events being received (a live key with test events reads
 * nothing those events name); the key's account and webhook endpoints whose API version differs from
 * stripe-java's are shown as they are read. Red means every run is blind; the intake keeps storing events.
 */
@Async(period = 1, unit = TimeUnit.MINUTES)
public final class StripeHealthCheck extends HealthCheck {
    private final StripeKeyCheck key;
    private final StripeEventDao events;
    private volatile StripeKeyCheck.Result last;

    public StripeHealthCheck(StripeKeyCheck key, StripeEventDao events) {
        this.key = key;
        this.events = events;
    }

    @Override
    protected Result check() {
        StripeKeyCheck.Result now = key.check();
        if (now.verdict() == StripeKeyCheck.Verdict.BUDGET_BUSY && last != null) {
            now = last; // the runs use the budget this minute: keep the last answer rather than guess
        }
        last = now;
        return switch (now.verdict()) {
            case REFUSED -> Result.unhealthy("Stripe refuses the API key (" + now.keyMode() + " mode): " + now.detail());
            case UNREACHABLE -> Result.unhealthy("Stripe could not be read: " + now.detail());
            case BUDGET_BUSY -> Result.healthy("not checked yet: the Stripe budget is in use by runs");
            case ACCEPTED -> accepted(now);
        };
    }

    private Result accepted(StripeKeyCheck.Result key) {
        String keyMode = key.keyMode();
        Optional<Boolean> livemode = events.latestLivemode();
        String eventMode = livemode.map(live -> live ? "live" : "test").orElse(null);
        if (eventMode != null && !keyMode.equals("unknown") && !eventMode.equals(keyMode)) {
            return Result.unhealthy("the API key is a " + keyMode + " key but the latest events are " + eventMode
                    + " mode: Stripe shows this key none of their objects");
        }
        String message = "Stripe accepts the " + keyMode + " key"
                + (key.account() == null ? "" : " of account " + key.account())
                + (eventMode == null ? "; no event received yet" : "; latest events are " + eventMode + " mode");
        return Result.healthy(key.warnings().isEmpty() ? message : message + "; warning: " + String.join("; ", key.warnings()));
    }
}
