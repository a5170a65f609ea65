package io.accessproof.server.receipts;

import io.accessproof.activities.receipts.ReceiptDao;
import io.accessproof.activities.receipts.StoredReceipt;
import io.accessproof.server.runs.RunStarter;
import io.accessproof.workflows.model.Receipt;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The receipts stored for an event, read back as the run takes them (their stored body parsed again). */
public final class StoredReceiptsReader implements RunStarter.StoredReceipts {
    private static final Logger LOG = LoggerFactory.getLogger(StoredReceiptsReader.class);

    private final ReceiptDao receipts;

    public StoredReceiptsReader(ReceiptDao receipts) {
        this.receipts = receipts;
    }

    @Override
    public List<Receipt> forEvent(String eventId) {
        List<Receipt> parsed = new ArrayList<>();
        for (StoredReceipt stored : receipts.forEvent(eventId)) {
            try {
                parsed.add(ReceiptBody.parse(stored.body(), stored.receivedAt().toEpochMilli()).forHistory());
            } catch (InvalidReceiptException e) {
                // It was valid when stored; a body that no longer parses is skipped, not a reason to lose the run.
                LOG.warn("stored receipt {} of {} no longer parses: {}", stored.receiptId(), eventId, e.getMessage());
            }
        }
        return parsed;
    }
}
