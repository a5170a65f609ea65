-- The missed-event sweep: every pass (periodic or by hand) and what it found; and, per Stripe mode, how far
-- the periodic sweep has listed Stripe's events.
CREATE TABLE sweeps (
    sweep_id       text PRIMARY KEY,
    periodic       boolean     NOT NULL,
    since          timestamptz NOT NULL,
    until          timestamptz NOT NULL,
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    pages          integer     NOT NULL DEFAULT 0,
    listed         integer     NOT NULL DEFAULT 0,
    already_stored integer     NOT NULL DEFAULT 0,
    dispatched     integer     NOT NULL DEFAULT 0,
    error          text
);
CREATE INDEX sweeps_started ON sweeps (started_at DESC);

CREATE TABLE sweep_cursors (
    mode  text PRIMARY KEY,
    upto  timestamptz NOT NULL
);
