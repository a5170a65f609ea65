package io.accessproof.devkit.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.model.entitlements.ActiveEntitlement;
import com.stripe.net.ApiResource;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import com.stripe.param.testhelpers.TestClockAdvanceParams;
import com.stripe.param.testhelpers.TestClockCreateParams;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillingFlowsIntegrationTest {
    private StripeEmulator emulator;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        emulator = StripeEmulator.start(new EmulatorOptions(0, 3));
        emulator.seedDemoCatalogue();
        stripe = StripeEmulatorIntegrationTest.client(emulator, 0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String priceId(String lookupKey) throws Exception {
        return stripe.v1().prices().list(PriceListParams.builder().addLookupKey(lookupKey).build()).getData().get(0).getId();
    }

    private List<String> types() throws Exception {
        return stripe.v1().events().list(EventListParams.builder().setLimit(100L).build()).getData().stream()
                .map(Event::getType).toList();
    }

    @Test
    void checkoutCompletion_createsSubscriptionAndEvents() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomerEmail("buyer@example.com")
                .setSuccessUrl("https://example.com/ok")
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId("pro_monthly")).setQuantity(1L).build())
                .build());
        assertThat(session.getStatus()).isEqualTo("open");
        stripe.rawRequest(ApiResource.RequestMethod.POST,
                "/v1/test_helpers/checkout/sessions/" + session.getId() + "/complete", "");
        Session done = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(done.getStatus()).isEqualTo("complete");
        assertThat(done.getSubscription()).startsWith("sub_");
        assertThat(done.getCustomer()).startsWith("cus_");
        assertThat(types()).contains("checkout.session.completed", "customer.subscription.created", "invoice.paid");

        List<ActiveEntitlement> features = stripe.v1().entitlements().activeEntitlements()
                .list(ActiveEntitlementListParams.builder().setCustomer(done.getCustomer()).build()).getData();
        assertThat(features).extracting(ActiveEntitlement::getLookupKey).containsExactly("basic", "reports");
    }

    @Test
    void testClockAdvance_renewsWithInvoicePaid_thenFailingPaymentMakesPastDue() throws Exception {
        long t0 = 1_700_000_000L;
        String clock = stripe.v1().testHelpers().testClocks().create(TestClockCreateParams.builder()
                .setFrozenTime(t0).build()).getId();
        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().setTestClock(clock).build()).getId();
        Subscription sub = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(priceId("pro_monthly")).build()).build());
        long end = sub.getItems().getData().get(0).getCurrentPeriodEnd();
        assertThat(sub.getItems().getData().get(0).getCurrentPeriodStart()).isEqualTo(t0);

        stripe.v1().testHelpers().testClocks().advance(clock, TestClockAdvanceParams.builder().setFrozenTime(end + 60).build());
        Subscription renewed = stripe.v1().subscriptions().retrieve(sub.getId(),
                SubscriptionRetrieveParams.builder().addExpand("latest_invoice").build());
        assertThat(renewed.getItems().getData().get(0).getCurrentPeriodStart()).isEqualTo(end);
        Invoice invoice = renewed.getLatestInvoiceObject();
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getBillingReason()).isEqualTo("subscription_cycle");

        emulator.failPayments("", customer, true);
        long end2 = renewed.getItems().getData().get(0).getCurrentPeriodEnd();
        stripe.v1().testHelpers().testClocks().advance(clock, TestClockAdvanceParams.builder().setFrozenTime(end2 + 60).build());
        assertThat(stripe.v1().subscriptions().retrieve(sub.getId()).getStatus()).isEqualTo("past_due");
        assertThat(types()).contains("invoice.payment_failed");
    }

    @Test
    void statusHelper_setsUnpaidAndEntitlementsDisappear() throws Exception {
        String customer = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
        Subscription sub = stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(priceId("team_monthly")).build()).build());
        stripe.rawRequest(ApiResource.RequestMethod.POST,
                "/v1/test_helpers/subscriptions/" + sub.getId() + "/set_status", "status=unpaid");
        assertThat(stripe.v1().subscriptions().retrieve(sub.getId()).getStatus()).isEqualTo("unpaid");
        assertThat(stripe.v1().entitlements().activeEntitlements()
                .list(ActiveEntitlementListParams.builder().setCustomer(customer).build()).getData()).isEmpty();
    }
}
