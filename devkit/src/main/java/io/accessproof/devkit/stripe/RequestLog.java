package io.accessproof.devkit.stripe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Every API call the emulator answered, so tests can count calls per second or per account. */
final class RequestLog {
    record Entry(String method, String path, long timeMillis, int status, String account, String requestId) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry e) {
        entries.add(e);
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized ObjectNode toJson(long sinceMillis) {
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        for (Entry e : entries) {
            if (e.timeMillis() < sinceMillis) {
                continue;
            }
            ObjectNode n = data.addObject();
            n.put("method", e.method());
            n.put("path", e.path());
            n.put("time", e.timeMillis());
            n.put("status", e.status());
            n.put("account", e.account().isEmpty() ? null : e.account());
            n.put("request_id", e.requestId());
        }
        root.put("count", data.size());
        return root;
    }
}
