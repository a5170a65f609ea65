package io.accessproof.devkit.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventTemplatesTest {
    private final EventTemplates templates = EventTemplates.bundled();

    @Test
    void everyBundledType_becomesAStripeEventWithFreshIds() throws Exception {
        for (String type : EventTemplates.TYPES) {
            StripeEvent a = templates.next(type);
            StripeEvent b = templates.next(type);
            JsonNode event = new ObjectMapper().readTree(a.payload());

            assertThat(event.path("object").asText()).isEqualTo("event");
            assertThat(event.path("type").asText()).isEqualTo(type);
            assertThat(event.path("id").asText()).isEqualTo(a.id()).startsWith("evt_");
            assertThat(event.path("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
            assertThat(event.path("data").path("object").path("customer").asText()).isEqualTo(a.customerId());
            assertThat(a.payload()).doesNotContain("@@");
            assertThat(b.id()).isNotEqualTo(a.id());
            assertThat(b.customerId()).isNotEqualTo(a.customerId());
        }
    }

    @Test
    void subscriptionEvent_keepsTheObjectKindInItsId() throws Exception {
        JsonNode object = new ObjectMapper().readTree(templates.next("customer.subscription.created").payload())
                .path("data").path("object");

        assertThat(object.path("object").asText()).isEqualTo("subscription");
        assertThat(object.path("id").asText()).startsWith("sub_").hasSize(28);
    }
}
