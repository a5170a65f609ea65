package io.accessproof.store.receipts;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code receipts} table: every receipt a run accepted, and those waiting for their Stripe event;
 * idempotent on the app and its receipt id.
 */
@RegisterConstructorMapper(StoredReceipt.class)
public interface ReceiptDao {

    String COLUMNS = "app, receipt_id, event_id, status, reason_code, processed_at, deploy_sha, customer_id, "
            + "side_effect_refs::text AS side_effect_refs, body::text AS body, received_at, before_event";

    /** Stores the receipt unless its app stored one with its id; returns true when this call stored it. */
    @SqlUpdate("INSERT INTO receipts (app, receipt_id, event_id, status, reason_code, processed_at, deploy_sha, "
            + "customer_id, side_effect_refs, body, received_at, before_event) VALUES (:app, :receiptId, :eventId, "
            + ":status, :reasonCode, :processedAt, :deploySha, :customerId, CAST(:sideEffectRefs AS jsonb), "
            + "CAST(:body AS jsonb), :receivedAt, :beforeEvent) ON CONFLICT (app, receipt_id) DO NOTHING")
    boolean insertIfAbsent(@BindMethods StoredReceipt receipt);

    @SqlQuery("SELECT " + COLUMNS + " FROM receipts WHERE app = :app AND receipt_id = :receiptId")
    Optional<StoredReceipt> find(@Bind("app") String app, @Bind("receiptId") String receiptId);

    /**
     * The app's receipts still waiting for their Stripe event, counting those of the last {@code days} days
     * (Stripe stops retrying a delivery after three).
     */
    @SqlQuery("SELECT count(*) FROM receipts r WHERE r.app = :app AND r.before_event "
            + "AND r.received_at > now() - make_interval(days => :days) "
            + "AND NOT EXISTS (SELECT 1 FROM stripe_events e WHERE e.event_id = r.event_id)")
    int waitingForEvent(@Bind("app") String app, @Bind("days") int days);

    @SqlQuery("SELECT " + COLUMNS + " FROM receipts WHERE event_id = :eventId ORDER BY received_at, receipt_id")
    List<StoredReceipt> forEvent(@Bind("eventId") String eventId);
}
