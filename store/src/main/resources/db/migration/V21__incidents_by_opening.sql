-- The dashboard's incidents per day reads incidents by when they opened, resolved or not.
CREATE INDEX incidents_opened ON incidents (opened_at);
