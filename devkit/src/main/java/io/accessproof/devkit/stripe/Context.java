package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What every resource needs: the objects, ids, time and the event stream. */
record Context(Store store, Ids ids, EmulatorClock clock, Events events) {

    /** A new object with Stripe's common head fields. */
    ObjectNode newObject(String prefix, String kind, long created) {
        ObjectNode o = Json.object();
        o.put("id", ids.next(prefix));
        o.put("object", kind);
        o.put("created", created);
        o.put("livemode", false);
        return o;
    }
}
