-- Why an incident was resolved: fixed, false_alarm, duplicate or other when an operator resolves it by hand;
-- the run's own reason (proven_late, not_applicable, reclassified, retried, terminated) otherwise. False alarms
-- are counted from it, so the rate at which accessproof cries wolf is measured, not guessed.
ALTER TABLE incidents ADD COLUMN resolved_reason text;
UPDATE incidents SET resolved_reason = CASE WHEN resolved_how = 'manual' THEN 'fixed' ELSE resolved_how END
WHERE resolved_at IS NOT NULL;
CREATE INDEX incidents_resolved ON incidents (resolved_at DESC) WHERE resolved_at IS NOT NULL;
