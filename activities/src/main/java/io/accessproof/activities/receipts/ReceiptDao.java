package io.accessproof.activities.receipts;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code receipts} table: every receipt a run accepted, idempotent on the receipt id. */
@RegisterConstructorMapper(StoredReceipt.class)
public interface ReceiptDao {

    String COLUMNS = "receipt_id, event_id, status, reason_code, processed_at, deploy_sha, customer_id, "
            + "side_effect_refs::text AS side_effect_refs, body::text AS body, received_at";

    /** Stores the receipt unless one with its id exists; returns true when this call stored it. */
    @SqlUpdate("INSERT INTO receipts (receipt_id, event_id, status, reason_code, processed_at, deploy_sha, "
            + "customer_id, side_effect_refs, body, received_at) VALUES (:receiptId, :eventId, :status, :reasonCode, "
            + ":processedAt, :deploySha, :customerId, CAST(:sideEffectRefs AS jsonb), CAST(:body AS jsonb), :receivedAt) "
            + "ON CONFLICT (receipt_id) DO NOTHING")
    boolean insertIfAbsent(@BindMethods StoredReceipt receipt);

    @SqlQuery("SELECT " + COLUMNS + " FROM receipts WHERE receipt_id = :receiptId")
    Optional<StoredReceipt> find(@Bind("receiptId") String receiptId);

    @SqlQuery("SELECT " + COLUMNS + " FROM receipts WHERE event_id = :eventId ORDER BY received_at, receipt_id")
    List<StoredReceipt> forEvent(@Bind("eventId") String eventId);
}
