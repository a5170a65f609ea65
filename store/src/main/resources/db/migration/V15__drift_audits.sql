-- Drift audits: every customer against Stripe right now. The cursor (the last customer of the last page done)
-- and the counts are written with each page's findings, so an audit resumes where it stopped.
CREATE TABLE audits (
    audit_id        text PRIMARY KEY,
    dry_run         boolean     NOT NULL,
    scheduled       boolean     NOT NULL DEFAULT false,
    status          text        NOT NULL DEFAULT 'running',
    started_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    cursor          text,
    pages           integer     NOT NULL DEFAULT 0,
    customers       integer     NOT NULL DEFAULT 0,
    audited         integer     NOT NULL DEFAULT 0,
    right_access    integer     NOT NULL DEFAULT 0,
    paid_no_access  integer     NOT NULL DEFAULT 0,
    access_not_paid integer     NOT NULL DEFAULT 0,
    app_unreachable integer     NOT NULL DEFAULT 0,
    cannot_verify   integer     NOT NULL DEFAULT 0
);
CREATE INDEX audits_running ON audits (started_at) WHERE status = 'running';

CREATE TABLE audit_findings (
    audit_id    text NOT NULL,
    customer_id text NOT NULL,
    finding     text NOT NULL,
    detail      text NOT NULL,
    PRIMARY KEY (audit_id, customer_id)
);
