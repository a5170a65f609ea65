-- The quantity of the subscription's plan item: the seats the customer pays for.
ALTER TABLE subscriptions ADD COLUMN quantity integer;
