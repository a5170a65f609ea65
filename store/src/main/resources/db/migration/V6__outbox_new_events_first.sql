-- The outbox hands never-dispatched events to Temporal before re-driven ones (a restart's re-drive puts
-- old events back with dispatch_attempts > 0), each lane in arrival order.
DROP INDEX stripe_events_outbox;
CREATE INDEX stripe_events_outbox ON stripe_events ((dispatch_attempts > 0), received) WHERE dispatched IS NULL;
