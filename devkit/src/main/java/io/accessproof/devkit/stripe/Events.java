package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Creates the event Stripe would create for a state change, stores it and hands it to delivery. */
final class Events {
    private final Store store;
    private final Ids ids;
    private final WebhookEndpoints endpoints;
    private final WebhookDelivery delivery;

    Events(Store store, Ids ids, WebhookEndpoints endpoints, WebhookDelivery delivery) {
        this.store = store;
        this.ids = ids;
        this.endpoints = endpoints;
        this.delivery = delivery;
    }

    /** Caller holds the store lock; {@code object} must be a rendered snapshot, not the stored node. */
    ObjectNode emit(EventOrigin origin, String type, ObjectNode object, ObjectNode previous, long created) {
        ObjectNode event = Json.object();
        event.put("id", ids.next("evt"));
        event.put("object", "event");
        if (!origin.account().isEmpty()) {
            event.put("account", origin.account());
        }
        event.put("api_version", origin.apiVersion());
        event.put("created", created);
        ObjectNode data = event.putObject("data");
        data.set("object", object);
        if (previous != null) {
            data.set("previous_attributes", previous);
        }
        event.put("livemode", false);
        List<WebhookEndpoint> targets = endpoints.matching(type);
        event.put("pending_webhooks", targets.size());
        ObjectNode request = event.putObject("request");
        request.put("id", origin.requestId());
        request.put("idempotency_key", origin.idempotencyKey());
        event.put("type", type);
        store.put(origin.account(), event);
        delivery.dispatch(event, targets);
        return event;
    }
}
