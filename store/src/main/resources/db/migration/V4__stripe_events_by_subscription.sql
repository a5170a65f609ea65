-- Supersession looks up a subscription's events at every run's deadline.
CREATE INDEX stripe_events_subscription ON stripe_events (subscription_id, created DESC);
