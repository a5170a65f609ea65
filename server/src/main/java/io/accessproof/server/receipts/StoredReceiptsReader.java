package io.accessproof.server.receipts;

import io.accessproof.server.api.ReceiptApp;
import io.accessproof.server.intake.RunStarter;
import io.accessproof.store.events.PendingEvent;
import io.accessproof.store.receipts.ReceiptDao;
import io.accessproof.store.receipts.StoredReceipt;
import io.accessproof.workflows.model.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipts stored for an event, read back as the run takes them (their stored body parsed again), of
 * apps that are still configured and may speak for the event: a receipt that came before its event is
 * checked against the event's type and customer only now.
 */
public final class StoredReceiptsReader implements RunStarter.StoredReceipts {
    private static final Logger LOG = LoggerFactory.getLogger(StoredReceiptsReader.class);

    private final ReceiptDao receipts;
    private final Map<String, ReceiptApp> apps;

    public StoredReceiptsReader(ReceiptDao receipts, List<ReceiptApp> apps) {
        this.receipts = receipts;
        this.apps = apps.stream().collect(Collectors.toMap(app -> app.name, Function.identity()));
    }

    @Override
    public List<Receipt> forEvent(PendingEvent event) {
        List<Receipt> parsed = new ArrayList<>();
        for (StoredReceipt stored : receipts.forEvent(event.eventId())) {
            ReceiptApp app = apps.get(stored.app());
            String customer = event.customerId() != null ? event.customerId() : stored.customerId();
            String refusal = app == null ? "app " + stored.app() + " is no longer configured"
                    : app.refusal(event.type(), customer);
            if (refusal != null) {
                LOG.warn("stored receipt {} of {} not handed to its run: {}", stored.receiptId(), event.eventId(),
                        refusal);
                continue;
            }
            try {
                parsed.add(app.forRun(ReceiptBody.parse(stored.body(), stored.receivedAt().toEpochMilli())));
            } catch (InvalidReceiptException e) {
                // It was valid when stored; a body that no longer parses is skipped, not a reason to lose the run.
                LOG.warn("stored receipt {} of {} no longer parses: {}", stored.receiptId(), event.eventId(),
                        e.getMessage());
            }
        }
        return parsed;
    }
}
