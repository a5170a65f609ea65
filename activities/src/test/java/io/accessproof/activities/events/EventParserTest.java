package io.accessproof.activities.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessproof.activities.fixtures.StripeFixtures;
import io.accessproof.store.events.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventParserTest {
    private final EventParser parser = new EventParser(new ObjectMapper(),
            Set.of("customer.subscription.created", "invoice.paid", "checkout.session.completed"));

    @Test
    void subscriptionEvent_givesItsIdsAndStartsARun() throws Exception {
        StoredEvent event = parse(fixture(
                "events/stripe-ruby-mock/customer.subscription.created__2020-08-27.json"));

        assertThat(event.type()).isEqualTo("customer.subscription.created");
        assertThat(event.objectType()).isEqualTo("subscription");
        assertThat(event.subscriptionId()).isEqualTo(event.objectId()).startsWith("sub_");
        assertThat(event.customerId()).startsWith("cus_");
        assertThat(event.ignored()).isFalse();
    }

    @Test
    void basilInvoice_namesItsSubscriptionUnderParent_andConnectEventsKeepTheirAccount() throws Exception {
        String body = """
                {"id":"evt_1","object":"event","type":"invoice.paid","created":1700000000,"livemode":true,
                 "account":"acct_123","api_version":"2025-03-31.basil",
                 "data":{"object":{"id":"in_1","object":"invoice","customer":{"id":"cus_9","object":"customer"},
                   "parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_7"}}}}}""";

        StoredEvent event = parse(body);

        assertThat(event.account()).isEqualTo("acct_123");
        assertThat(event.livemode()).isTrue();
        assertThat(event.customerId()).isEqualTo("cus_9");
        assertThat(event.subscriptionId()).isEqualTo("sub_7");
        assertThat(event.created()).isEqualTo(Instant.ofEpochSecond(1700000000));
        assertThat(event.apiVersion()).isEqualTo("2025-03-31.basil");
    }

    @Test
    void typeOutsideTheRunSet_isMarkedIgnored() throws Exception {
        StoredEvent event = parse(fixture(
                "events/stripe-ruby-mock/charge.refunded__2020-08-27.json"));

        assertThat(event.ignored()).isTrue();
    }

    @Test
    void bodiesThatAreNotStripeEvents_areRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("[1,2]")).hasMessage("body is not a JSON object");
        assertThatThrownBy(() -> parse("{\"id\":")).hasMessageStartingWith("body is not valid JSON");
        assertThatThrownBy(() -> parse("{\"object\":\"customer\",\"id\":\"cus_1\"}"))
                .hasMessage("body is not a Stripe event: \"object\" must be \"event\"");
        assertThatThrownBy(() -> parse("{\"object\":\"event\",\"id\":\"evt_1\",\"created\":1,\"data\":{}}"))
                .hasMessage("Stripe event has no \"type\"");
        assertThatThrownBy(() -> parse("{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"x\",\"data\":{\"object\":{}}}"))
                .hasMessage("Stripe event evt_1 has no numeric \"created\"");
        assertThatThrownBy(() -> parse("{\"object\":\"event\",\"id\":\"evt_1\",\"type\":\"x\",\"created\":1}"))
                .hasMessage("Stripe event evt_1 has no data.object");
    }

    private StoredEvent parse(String body) throws InvalidEventException {
        return parser.parse(body, body.getBytes(StandardCharsets.UTF_8), "webhook");
    }

    private static String fixture(String relative) {
        try {
            return java.nio.file.Files.readString(StripeFixtures.root().resolve(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
