-- The outbox claims events for a lease instead of holding their row locks across its calls to Temporal,
-- counts the hand-overs Temporal refused while it answered, and quarantines an event it refuses again and
-- again (a poison input) so the rest of the outbox keeps moving.
ALTER TABLE stripe_events
    ADD COLUMN claimed_until timestamptz,
    ADD COLUMN dispatch_failures integer NOT NULL DEFAULT 0,
    ADD COLUMN quarantined timestamptz;

DROP INDEX stripe_events_outbox;
CREATE INDEX stripe_events_outbox ON stripe_events ((dispatch_attempts > 0), received)
    WHERE dispatched IS NULL AND quarantined IS NULL;
CREATE INDEX stripe_events_quarantined ON stripe_events (quarantined) WHERE quarantined IS NOT NULL;
