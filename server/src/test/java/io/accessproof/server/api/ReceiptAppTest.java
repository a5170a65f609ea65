package io.accessproof.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which sets of receipt apps {@code server} refuses to start with, and what an app may speak for. */
class ReceiptAppTest {

    @Test
    void twoAppsOfOneName_refused_includingTheDefaultAppOfTheFlatList() {
        assertThat(ReceiptApp.problem(List.of(app("billing"), app("billing"))))
                .isEqualTo("api.receiptApps: two apps are named billing");
        assertThat(ReceiptApp.problem(ReceiptApp.all(List.of(app("default")), List.of("arsec_flat_0123456789abcdef"),
                List.of()))).startsWith("api.receiptApps: two apps are named default");
    }

    @Test
    void preAnnounceWithEventTypes_refused_becauseAnUnseenEventHasNoType() {
        ReceiptApp app = app("billing");
        app.preAnnounce = true;
        app.eventTypes = List.of("invoice.paid");

        assertThat(ReceiptApp.problem(List.of(app))).contains("preAnnounce cannot go with eventTypes");
    }

    @Test
    void anAppWithoutSecretsOrTokens_refused() {
        ReceiptApp app = new ReceiptApp();
        app.name = "mute";

        assertThat(ReceiptApp.problem(List.of(app))).isEqualTo("api.receiptApps.mute has neither secrets nor tokens");
    }

    @Test
    void theFlatLists_areTheDefaultApp_whoseReceiptIdsRunsAlreadyHoldUnchanged() {
        ReceiptApp flat = ReceiptApp.all(List.of(), List.of("arsec_flat_0123456789abcdef"), List.of()).get(0);

        assertThat(flat.name).isEqualTo(ReceiptApp.DEFAULT);
        assertThat(flat.preAnnounce).isTrue();
        assertThat(flat.historyId("rcpt_1")).isEqualTo("rcpt_1");
        assertThat(app("billing").historyId("rcpt_1")).isEqualTo("billing/rcpt_1");
    }

    @Test
    void customerLimitedApp_mustNameTheCustomer() {
        ReceiptApp crm = app("crm");
        crm.customers = List.of("cus_1");

        assertThat(crm.refusal(null, null)).contains("must name its customer_id");
        assertThat(crm.refusal("invoice.paid", "cus_2")).isEqualTo("app crm may not send receipts for customer cus_2");
        assertThat(crm.refusal("invoice.paid", "cus_1")).isNull();
    }

    private static ReceiptApp app(String name) {
        ReceiptApp app = new ReceiptApp();
        app.name = name;
        app.secrets = List.of("arsec_" + name + "_0123456789abcdef");
        return app;
    }
}
