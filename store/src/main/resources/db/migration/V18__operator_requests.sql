-- An operator action written by a Temporal activity records the activity that wrote it and its answer,
-- so a retried attempt after the commit answers the same and writes no second audit line.
ALTER TABLE audit_log ADD COLUMN request_id text, ADD COLUMN answer jsonb;
CREATE UNIQUE INDEX audit_log_request_id ON audit_log (request_id) WHERE request_id IS NOT NULL;
