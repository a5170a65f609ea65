-- A bulk retry or terminate: its runs and how far its workflow got, so any replica shows its progress and a
-- workflow lost with an in-memory Temporal resumes from its checkpoint.
CREATE TABLE bulk_jobs (
    job_id      text        PRIMARY KEY,
    action      text        NOT NULL,
    actor       text        NOT NULL,
    reason      text,
    filter      jsonb       NOT NULL,
    event_ids   text[]      NOT NULL,
    position    integer     NOT NULL DEFAULT 0,
    failed      integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
CREATE INDEX bulk_jobs_running ON bulk_jobs (created_at) WHERE finished_at IS NULL;
