package io.accessproof.devkit.demoapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fault modes set through {@code /_demo/faults}: per customer first, then global, else ok. */
final class Faults {
    record Fault(FaultMode mode, long seconds) {
        static final Fault OK = new Fault(FaultMode.OK, 0);
    }

    private final Map<String, Fault> perCustomer = new ConcurrentHashMap<>();
    private volatile Fault global = Fault.OK;

    Fault forCustomer(String customerId) {
        Fault f = customerId == null ? null : perCustomer.get(customerId);
        return f != null ? f : global;
    }

    void set(String customerId, Fault fault) {
        if (customerId == null) {
            global = fault;
        } else {
            perCustomer.put(customerId, fault);
        }
    }

    void clear(String customerId) {
        if (customerId == null) {
            perCustomer.clear();
            global = Fault.OK;
        } else {
            perCustomer.remove(customerId);
        }
    }
}
