-- The stripe health check reads the mode of the newest event once a minute.
CREATE INDEX stripe_events_received ON stripe_events (received DESC);
