package io.accessproof.devkit.load;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exact account of a run: every request sent ends in exactly one outcome (2xx, 4xx, 5xx, timeout,
 * transport error, other status), and every 2xx event id can be looked up afterwards. A run is
 * valid only when the outcomes add up to the requests sent and, once checked, every 2xx event id
 * was found in the receiver's store.
 */
public final class Ledger {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong clientErrors = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicLong otherStatus = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    /** 2xx event id → the wall-clock time (epoch ms) its request was due. */
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();
    private volatile List<String> missing;

    void sent() {
        sent.incrementAndGet();
    }

    void answered(int status, StripeEvent event, long dueEpochMillis) {
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status / 100 == 2) {
            ok.incrementAndGet();
            accepted.putIfAbsent(event.id(), dueEpochMillis);
        } else if (status / 100 == 4) {
            clientErrors.incrementAndGet();
        } else if (status / 100 == 5) {
            serverErrors.incrementAndGet();
        } else {
            otherStatus.incrementAndGet();
        }
    }

    void timedOut() {
        timeouts.incrementAndGet();
    }

    void failed() {
        transportErrors.incrementAndGet();
    }

    /** Records which 2xx event ids the receiver's store did not hold. */
    public void stored(List<String> missingIds) {
        this.missing = List.copyOf(missingIds);
    }

    public long sentCount() {
        return sent.get();
    }

    public long ok() {
        return ok.get();
    }

    public long clientErrors() {
        return clientErrors.get();
    }

    public long serverErrors() {
        return serverErrors.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    public long transportErrors() {
        return transportErrors.get();
    }

    public long otherStatus() {
        return otherStatus.get();
    }

    public long count(int status) {
        AtomicLong n = byStatus.get(status);
        return n == null ? 0 : n.get();
    }

    public Map<Integer, Long> byStatus() {
        Map<Integer, Long> copy = new TreeMap<>();
        byStatus.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public long outcomes() {
        return ok() + clientErrors() + serverErrors() + timeouts() + transportErrors() + otherStatus();
    }

    /** Distinct event ids that got a 2xx (a duplicate delivery counts once). */
    public Set<String> acceptedIds() {
        return accepted.keySet();
    }

    /** When the first 2xx request of this event was due (epoch ms), or null. */
    public Long dueAt(String eventId) {
        return accepted.get(eventId);
    }

    public boolean balances() {
        return sentCount() == outcomes();
    }

    /** Whether the 2xx ids were looked up in the store; unchecked runs say so in their summary. */
    public boolean storeChecked() {
        return missing != null;
    }

    public List<String> missingFromStore() {
        return missing == null ? List.of() : missing;
    }

    /** Balanced, and no 2xx event missing from the store (when checked). */
    public boolean valid() {
        return balances() && missingFromStore().isEmpty();
    }

    /** Anything but a 2xx happened. */
    public boolean hadErrors() {
        return ok() != sentCount();
    }

    @Override
    public String toString() {
        String store = !storeChecked() ? "2xx ids not checked in the store"
                : missingFromStore().isEmpty() ? "every 2xx id found in the store"
                : missingFromStore().size() + " 2xx ids MISSING from the store, e.g. " + missingFromStore().get(0);
        return "sent " + sentCount() + " = 2xx " + ok() + " + 4xx " + clientErrors() + " + 5xx " + serverErrors()
                + " + timeouts " + timeouts() + " + transport errors " + transportErrors()
                + (otherStatus() > 0 ? " + other " + otherStatus() : "")
                + (balances() ? " (balanced)" : " (DOES NOT BALANCE: " + outcomes() + " outcomes)") + "; " + store
                + (valid() ? "" : " -> RUN VOID");
    }
}
