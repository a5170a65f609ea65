-- The purge job (retention.*) and erasure find their rows by index, a batch at a time.
-- Events whose signed bytes are still kept (the purge empties raw_payload, it keeps the row):
CREATE INDEX stripe_events_raw_kept ON stripe_events (received) WHERE octet_length(raw_payload) > 0;
-- A customer's events, for erasure:
CREATE INDEX stripe_events_customer ON stripe_events (customer_id) WHERE customer_id IS NOT NULL;
-- Closed runs, oldest first:
CREATE INDEX runs_closed ON runs (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX receipts_customer ON receipts (customer_id) WHERE customer_id IS NOT NULL;
