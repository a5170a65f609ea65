-- Stripe's read limit is per account, so every worker takes its permits from one schedule here.
-- tat: the theoretical arrival time of the bucket's next permit (GCRA); '-infinity' when never used.
CREATE TABLE stripe_rate_limits (
    bucket text PRIMARY KEY,
    tat    timestamptz NOT NULL
);
