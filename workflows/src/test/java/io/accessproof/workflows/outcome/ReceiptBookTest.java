package io.accessproof.workflows.outcome;

import static io.accessproof.workflows.outcome.OutcomeFixtures.receipt;
import static org.assertj.core.api.Assertions.assertThat;

import io.accessproof.workflows.FailureType;
import io.accessproof.workflows.UpdateRejections;
import io.accessproof.workflows.model.Receipt;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceiptBookTest {

    @Test
    void sameReceiptIdTwice_keptOnce() {
        ReceiptBook book = new ReceiptBook();

        assertThat(book.add(receipt("rcp_1", "evt_1", Receipt.FAILED, "boom"))).isTrue();
        assertThat(book.add(receipt("rcp_1", "evt_1", Receipt.PROCESSED, null))).isFalse();

        assertThat(book.all()).extracting(Receipt::status).containsExactly(Receipt.FAILED);
        assertThat(book.anyProcessed()).isFalse();
        assertThat(book.latestFailed().reasonCode()).isEqualTo("boom");
    }

    @Test
    void rejection_namesContradictionsAndMalformedReceipts() {
        assertThat(ReceiptBook.rejection(receipt("rcp_1", "evt_1", Receipt.PROCESSED, null), "evt_1", "cus_1")).isNull();
        assertThat(ReceiptBook.rejection(receipt("rcp_1", "evt_1", Receipt.PROCESSED, null), "evt_1", null)).isNull();
        assertThat(type(new Receipt("rcp_2", "evt_1", "processed", null, null, Map.of(), null, "cus_9", 1L), "cus_1"))
                .isEqualTo(FailureType.RECEIPT_CONTRADICTS_RUN);
        assertThat(type(receipt("rcp_3", "evt_other", Receipt.PROCESSED, null), "cus_1"))
                .isEqualTo(FailureType.RECEIPT_CONTRADICTS_RUN);
        assertThat(type(receipt("rcp_4", "evt_1", "maybe", null), "cus_1")).isEqualTo(FailureType.RECEIPT_MALFORMED);
        assertThat(type(receipt(null, "evt_1", Receipt.PROCESSED, null), "cus_1")).isEqualTo(FailureType.RECEIPT_MALFORMED);
    }

    private static FailureType type(Receipt receipt, String customerId) {
        return UpdateRejections.failureType(ReceiptBook.rejection(receipt, "evt_1", customerId)).orElseThrow();
    }
}
