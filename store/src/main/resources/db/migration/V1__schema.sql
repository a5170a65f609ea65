-- Every accepted Stripe event, byte for byte. One row per event id whatever the number of deliveries.
CREATE TABLE stripe_events (
    event_id        text PRIMARY KEY,
    type            text        NOT NULL,
    account         text,
    livemode        boolean     NOT NULL,
    api_version     text,
    created         timestamptz NOT NULL,
    received        timestamptz NOT NULL DEFAULT now(),
    last_delivery   timestamptz NOT NULL DEFAULT now(),
    source          text        NOT NULL DEFAULT 'webhook',
    delivery_count  integer     NOT NULL DEFAULT 1,
    object_type     text,
    object_id       text,
    customer_id     text,
    subscription_id text,
    -- ignored: stored, but its type starts no run
    ignored         boolean     NOT NULL DEFAULT false,
    -- null until the outbox dispatcher has handed the event to Temporal
    dispatched      timestamptz,
    dispatch_attempts integer   NOT NULL DEFAULT 0,
    payload         jsonb       NOT NULL,
    raw_payload     bytea       NOT NULL
);
CREATE INDEX stripe_events_outbox ON stripe_events (received) WHERE dispatched IS NULL AND NOT ignored;

-- The mirror of Stripe's truth; a row is never overwritten by an older object.
CREATE TABLE subscriptions (
    subscription_id text PRIMARY KEY,
    customer_id     text        NOT NULL,
    account         text,
    status          text        NOT NULL,
    plan            text,
    price_id        text,
    lookup_key      text,
    -- the version of Stripe's object this row holds: the Stripe event's created, or the fetch time
    stripe_version  timestamptz NOT NULL,
    fetched_at      timestamptz NOT NULL DEFAULT now(),
    object          jsonb       NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id);

-- A run's business state, written by activities.
CREATE TABLE runs (
    event_id        text PRIMARY KEY,
    event_type      text,
    event_created   timestamptz,
    customer_id     text,
    subscription_id text,
    state           text        NOT NULL,
    expected        jsonb,
    observed        jsonb,
    proof_source    text,
    incident_id     text,
    superseded_by   text,
    started_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    closed_at       timestamptz,
    proven_at       timestamptz
);
CREATE INDEX runs_state ON runs (state, started_at DESC);
CREATE INDEX runs_customer ON runs (customer_id, started_at DESC);
CREATE INDEX runs_subscription ON runs (subscription_id, event_created DESC);

CREATE TABLE run_timeline (
    event_id text        NOT NULL,
    step     integer     NOT NULL,
    state    text        NOT NULL,
    note     text        NOT NULL,
    at       timestamptz NOT NULL,
    PRIMARY KEY (event_id, step)
);

CREATE TABLE receipts (
    receipt_id       text PRIMARY KEY,
    event_id         text        NOT NULL,
    status           text        NOT NULL,
    reason_code      text,
    processed_at     text,
    deploy_sha       text,
    customer_id      text,
    side_effect_refs jsonb,
    body             jsonb       NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipts_event ON receipts (event_id);

CREATE TABLE incidents (
    incident_id     text PRIMARY KEY,
    event_id        text        NOT NULL,
    kind            text        NOT NULL,
    title           text        NOT NULL,
    customer_id     text,
    subscription_id text,
    event_type      text,
    deploy_sha      text,
    reason_code     text,
    group_key       text,
    evidence        jsonb       NOT NULL,
    opened_at       timestamptz NOT NULL DEFAULT now(),
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    resolved_how    text,
    resolved_note   text,
    notified        jsonb       NOT NULL DEFAULT '[]'::jsonb
);
-- At most one open incident per run.
CREATE UNIQUE INDEX incidents_one_open_per_run ON incidents (event_id) WHERE resolved_at IS NULL;
CREATE INDEX incidents_open ON incidents (opened_at DESC) WHERE resolved_at IS NULL;

CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    action     text        NOT NULL,
    target     text,
    detail     jsonb
);
