-- Append-only proof records: one each time a run reaches or changes its verdict. Each carries the SHA-256 of
-- the previous record of the same customer (appended under a per-customer lock), so an export can be verified.
CREATE TABLE proof_records (
    seq          bigserial   PRIMARY KEY,
    event_id     text        NOT NULL,
    writer       text        NOT NULL,
    step         integer     NOT NULL,
    customer_id  text        NOT NULL,
    verdict      text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    record       text        NOT NULL,
    sha256       text        NOT NULL,
    prev_sha256  text,
    UNIQUE (event_id, writer, step)
);
CREATE INDEX proof_records_by_time ON proof_records (recorded_at, seq);
CREATE INDEX proof_records_by_customer ON proof_records (customer_id, seq DESC);
CREATE INDEX proof_records_by_event ON proof_records (event_id, seq);
