-- The stall watchdog reads the open runs whose last step is oldest, every minute.
CREATE INDEX runs_open_by_update ON runs (updated_at) WHERE state IN ('accepted', 'proving');
