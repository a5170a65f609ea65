package io.accessproof.devkit.stripe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads over a parsed form tree, raising Stripe's 400s for bad values. */
final class Params {
    private final Map<String, Object> tree;

    Params(Map<String, Object> tree) {
        this.tree = tree;
    }

    static Params empty() {
        return new Params(new LinkedHashMap<>());
    }

    boolean has(String key) {
        return tree.containsKey(key);
    }

    String string(String key) {
        Object v = tree.get(key);
        return v instanceof String s && !s.isEmpty() ? s : null;
    }

    String required(String key) {
        String v = string(key);
        if (v == null) {
            throw StripeError.missingParam(key);
        }
        return v;
    }

    Long longValue(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw StripeError.invalid("Invalid integer: " + v, key);
        }
    }

    Boolean bool(String key) {
        String v = string(key);
        return v == null ? null : Boolean.parseBoolean(v);
    }

    Params child(String key) {
        return tree.get(key) instanceof Map<?, ?> m ? new Params(cast(m)) : null;
    }

    /** String entries of a nested map, e.g. metadata; an empty value means "unset" as in Stripe. */
    Map<String, String> strings(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tree.get(key) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof String s ? s : ""));
        }
        return out;
    }

    /** A list from either {@code key[]=…} or {@code key[0]=…} encoding; elements are Strings or Params. */
    List<Object> list(String key) {
        Object v = tree.get(key);
        List<Object> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(e -> out.add(wrap(e)));
        } else if (v instanceof Map<?, ?> m) {
            m.entrySet().stream()
                    .sorted(Comparator.comparingInt(e -> index(String.valueOf(e.getKey()))))
                    .forEach(e -> out.add(wrap(e.getValue())));
        } else if (v instanceof String s && !s.isEmpty()) {
            out.add(s);
        }
        return out;
    }

    List<String> stringList(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            if (o instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    List<Params> paramsList(String key) {
        List<Params> out = new ArrayList<>();
        for (Object o : list(key)) {
            if (o instanceof Params p) {
                out.add(p);
            }
        }
        return out;
    }

    private static int index(String k) {
        try {
            return Integer.parseInt(k);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Object wrap(Object e) {
        return e instanceof Map<?, ?> m ? new Params(cast(m)) : e;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
