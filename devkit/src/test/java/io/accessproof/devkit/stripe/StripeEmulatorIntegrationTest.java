package io.accessproof.devkit.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Price;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.PriceListParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeEmulatorIntegrationTest {
    private StripeEmulator emulator;
    private StripeClient stripe;

    @BeforeEach
    void start() {
        emulator = StripeEmulator.start(new EmulatorOptions(0, 42));
        emulator.seedDemoCatalogue();
        stripe = client(emulator, 0);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    static StripeClient client(StripeEmulator emulator, int retries) {
        return StripeClient.builder().setApiKey("sk_test_devkit").setApiBase(emulator.baseUrl())
                .setMaxNetworkRetries(retries).build();
    }

    private Price price(String lookupKey) throws Exception {
        return stripe.v1().prices().list(PriceListParams.builder().addLookupKey(lookupKey).build()).getData().get(0);
    }

    private Subscription subscribe(String customer, String priceId) throws Exception {
        return stripe.v1().subscriptions().create(SubscriptionCreateParams.builder().setCustomer(customer)
                .addItem(SubscriptionCreateParams.Item.builder().setPrice(priceId).setQuantity(2L).build()).build());
    }

    @Test
    void customerSubscribesChangesPriceAndCancels_eachStepParsesAndEmitsEvents() throws Exception {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("a@example.com").putMetadata("tenant", "t1").build());
        Subscription created = subscribe(customer.getId(), price("pro_monthly").getId());

        assertThat(created.getId()).startsWith("sub_");
        assertThat(created.getCustomer()).isEqualTo(customer.getId());
        assertThat(created.getStatus()).isEqualTo("active");
        assertThat(created.getCreated()).isPositive();
        assertThat(created.getLatestInvoice()).startsWith("in_");
        SubscriptionItem item = created.getItems().getData().get(0);
        assertThat(item.getQuantity()).isEqualTo(2L);
        assertThat(item.getPrice().getLookupKey()).isEqualTo("pro_monthly");
        assertThat(item.getPrice().getProduct()).startsWith("prod_");
        assertThat(item.getPrice().getMetadata()).containsEntry("plan", "pro");
        assertThat(item.getPrice().getRecurring().getInterval()).isEqualTo("month");
        assertThat(item.getCurrentPeriodEnd()).isGreaterThan(item.getCurrentPeriodStart());

        Subscription updated = stripe.v1().subscriptions().update(created.getId(), SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder().setId(item.getId())
                        .setPrice(price("team_monthly").getId()).build()).build());
        assertThat(updated.getItems().getData().get(0).getPrice().getLookupKey()).isEqualTo("team_monthly");
        assertThat(updated.getItems().getData().get(0).getId()).isEqualTo(item.getId());

        Subscription canceled = stripe.v1().subscriptions().cancel(created.getId());
        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getCanceledAt()).isNotNull();

        List<String> types = stripe.v1().events().list(EventListParams.builder().setLimit(100L).build())
                .getData().stream().map(Event::getType).toList();
        assertThat(types).contains("customer.created", "customer.subscription.created", "invoice.paid",
                "customer.subscription.updated", "customer.subscription.deleted",
                "entitlements.active_entitlement_summary.updated");

        Event update = stripe.v1().events().list(EventListParams.builder()
                .setType("customer.subscription.updated").build()).getData().get(0);
        assertThat(update.getData().getPreviousAttributes()).containsKey("items");
        assertThat(update.getRequest().getId()).startsWith("req_");
        assertThat(update.getLivemode()).isFalse();
        Subscription fromEvent = (Subscription) update.getDataObjectDeserializer().deserializeUnsafe();
        assertThat(fromEvent.getItems().getData().get(0).getPrice().getLookupKey()).isEqualTo("team_monthly");
    }

    @Test
    void eventsListFiltersByTypeAndPaginates() throws Exception {
        for (int i = 0; i < 5; i++) {
            stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("c" + i + "@example.com").build());
        }
        EventListParams first = EventListParams.builder().setType("customer.created").setLimit(3L).build();
        StripeCollection<Event> page1 = stripe.v1().events().list(first);
        assertThat(page1.getData()).hasSize(3).allMatch(e -> e.getType().equals("customer.created"));
        assertThat(page1.getHasMore()).isTrue();
        StripeCollection<Event> page2 = stripe.v1().events().list(EventListParams.builder()
                .setType("customer.created").setLimit(10L).setStartingAfter(page1.getData().get(2).getId()).build());
        // 3 seeded demo customers + 5 created here
        assertThat(page2.getData()).hasSize(5);
        assertThat(page2.getHasMore()).isFalse();
        assertThat(page2.getData()).extracting(Event::getId).doesNotContainAnyElementsOf(
                page1.getData().stream().map(Event::getId).toList());
        StripeCollection<Event> back = stripe.v1().events().list(EventListParams.builder()
                .setType("customer.created").setLimit(2L).setEndingBefore(page2.getData().get(0).getId()).build());
        assertThat(back.getData()).extracting(Event::getId)
                .containsExactly(page1.getData().get(1).getId(), page1.getData().get(2).getId());
        StripeCollection<Event> wildcard = stripe.v1().events().list(EventListParams.builder()
                .addType("price.created").addType("product.created").setLimit(100L).build());
        assertThat(wildcard.getData()).hasSize(6);
    }

    @Test
    void rateLimitFault_surfacesAsRateLimitException() throws Exception {
        post("/_emulator/faults", "{\"api_429_rate\":1.0}");
        assertThatThrownBy(() -> stripe.v1().customers().list())
                .isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((RateLimitException) e).getStatusCode()).isEqualTo(429));
        post("/_emulator/faults", "{}");
        assertThat(stripe.v1().customers().list().getData()).isNotEmpty();
    }

    @Test
    void rateLimitPerSecond_rejectsCallsBeyondTheBudget() throws Exception {
        post("/_emulator/faults", "{\"rate_limit_per_second\":5}");
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            try {
                stripe.v1().customers().list();
            } catch (RateLimitException e) {
                limited++;
            }
        }
        assertThat(limited).isGreaterThanOrEqualTo(5);
        String log = get("/_emulator/requests");
        assertThat(log).contains("\"status\":429").contains("\"path\":\"/v1/customers\"");
    }

    @Test
    void missingObject_isInvalidRequestWith404() {
        assertThatThrownBy(() -> stripe.v1().subscriptions().retrieve("sub_nope"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> {
                    InvalidRequestException ire = (InvalidRequestException) e;
                    assertThat(ire.getStatusCode()).isEqualTo(404);
                    assertThat(ire.getCode()).isEqualTo("resource_missing");
                });
    }

    @Test
    void wrongApiKey_isAuthenticationError() {
        StripeClient bad = StripeClient.builder().setApiKey("sk_live_nope").setApiBase(emulator.baseUrl()).build();
        assertThatThrownBy(() -> bad.v1().customers().list()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void sameIdempotencyKey_returnsTheSameObject() throws Exception {
        RequestOptions opts = RequestOptions.builder().setIdempotencyKey("k-1").build();
        CustomerCreateParams params = CustomerCreateParams.builder().setEmail("i@example.com").build();
        Customer a = stripe.v1().customers().create(params, opts);
        Customer b = stripe.v1().customers().create(params, opts);
        assertThat(b.getId()).isEqualTo(a.getId());
    }

    @Test
    void connectAccount_scopesObjectsAndEvents() throws Exception {
        RequestOptions acct = RequestOptions.builder().setStripeAccount("acct_123").build();
        Customer c = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail("x@y.z").build(), acct);
        assertThatThrownBy(() -> stripe.v1().customers().retrieve(c.getId())).isInstanceOf(InvalidRequestException.class);
        Event e = stripe.v1().events().list(EventListParams.builder().setType("customer.created").build(), acct)
                .getData().get(0);
        assertThat(e.getAccount()).isEqualTo("acct_123");
    }

    @Test
    void sameSeed_sameIds() throws Exception {
        try (StripeEmulator other = StripeEmulator.start(new EmulatorOptions(0, 42))) {
            other.seedDemoCatalogue();
            String mine = stripe.v1().customers().create(CustomerCreateParams.builder().build()).getId();
            String theirs = client(other, 0).v1().customers().create(CustomerCreateParams.builder().build()).getId();
            assertThat(theirs).isEqualTo(mine);
        }
    }

    private String post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).GET().build());
    }

    private static String send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
