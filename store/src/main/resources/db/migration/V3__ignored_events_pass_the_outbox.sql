-- Ignored events now pass through the outbox once, so that a run an early receipt created for one of
-- them closes not applicable instead of waiting for an event that never starts it.
DROP INDEX stripe_events_outbox;
CREATE INDEX stripe_events_outbox ON stripe_events (received) WHERE dispatched IS NULL;

-- Ignored events stored before this change: only those with a receipt can have a run waiting.
UPDATE stripe_events e SET dispatched = now()
WHERE e.ignored AND e.dispatched IS NULL
  AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.event_id = e.event_id);
