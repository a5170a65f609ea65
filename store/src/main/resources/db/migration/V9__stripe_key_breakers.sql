-- While Stripe refuses the API key (401), one read per interval goes through for the whole cluster; the
-- others fail at once instead of spending the Stripe budget on refusals. No row: the key works.
CREATE TABLE stripe_key_breakers (
    bucket        text PRIMARY KEY,
    refused_at    timestamptz NOT NULL,
    next_probe_at timestamptz NOT NULL
);
