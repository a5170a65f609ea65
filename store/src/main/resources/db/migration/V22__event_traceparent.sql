-- The W3C trace context of the webhook request that stored the event, when tracing is on: the outbox continues
-- that trace when it starts the run, on whichever replica it runs.
ALTER TABLE stripe_events ADD COLUMN traceparent text;
