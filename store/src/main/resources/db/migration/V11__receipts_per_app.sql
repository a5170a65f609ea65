-- Receipts belong to the app that signed them (api.receiptApps): receipt ids are unique per app, and
-- before_event marks a receipt that came before accessproof had stored its Stripe event (capped per app).
-- Receipts stored before this migration belong to the unnamed app of the flat api.receiptSecrets list.
ALTER TABLE receipts ADD COLUMN app text NOT NULL DEFAULT 'default';
ALTER TABLE receipts ADD COLUMN before_event boolean NOT NULL DEFAULT false;
ALTER TABLE receipts DROP CONSTRAINT receipts_pkey;
ALTER TABLE receipts ADD PRIMARY KEY (app, receipt_id);
CREATE INDEX receipts_before_event ON receipts (app, received_at) WHERE before_event;
