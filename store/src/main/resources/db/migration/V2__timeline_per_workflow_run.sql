-- A run can be started again (an operator's retry of a closed or lost run): its workflow counts steps
-- from 1 once more, so a timeline entry is keyed by the Temporal run that wrote it as well.
-- Entries the service writes itself (an operator's terminate) carry a writer of their own.
ALTER TABLE run_timeline ADD COLUMN writer text NOT NULL DEFAULT '';
ALTER TABLE run_timeline DROP CONSTRAINT run_timeline_pkey;
ALTER TABLE run_timeline ADD PRIMARY KEY (event_id, writer, step);
CREATE INDEX run_timeline_event_at ON run_timeline (event_id, at);
