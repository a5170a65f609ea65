package io.accessproof.devkit.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Stripe's form encoding with nested keys into a tree of maps and lists:
 * {@code items[0][price]=p} → {items:{0:{price:p}}}, {@code expand[]=a} → {expand:[a]}.
 * Indexed arrays stay maps keyed "0","1"…; {@link Params#list} reads both forms.
 */
final class FormParser {
    private FormParser() {
    }

    static Map<String, Object> parse(String encoded) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return root;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, segments(key), value);
        }
        return root;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    static List<String> segments(String key) {
        List<String> out = new ArrayList<>();
        int bracket = key.indexOf('[');
        if (bracket < 0) {
            out.add(key);
            return out;
        }
        out.add(key.substring(0, bracket));
        int i = bracket;
        while (i < key.length() && key.charAt(i) == '[') {
            int close = key.indexOf(']', i);
            if (close < 0) {
                break;
            }
            out.add(key.substring(i + 1, close));
            i = close + 1;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Object container = root;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            boolean last = i == path.size() - 1;
            if (container instanceof List<?> list) {
                List<Object> l = (List<Object>) list;
                if (last) {
                    l.add(value);
                    return;
                }
                Map<String, Object> child = new LinkedHashMap<>();
                l.add(child);
                container = child;
                continue;
            }
            Map<String, Object> map = (Map<String, Object>) container;
            if (last) {
                map.put(segment, value);
                return;
            }
            boolean nextIsAppend = path.get(i + 1).isEmpty();
            Object child = map.get(segment);
            if (child == null || (nextIsAppend && !(child instanceof List)) || (!nextIsAppend && !(child instanceof Map))) {
                child = nextIsAppend ? new ArrayList<>() : new LinkedHashMap<String, Object>();
                map.put(segment, child);
            }
            container = child;
        }
    }
}
