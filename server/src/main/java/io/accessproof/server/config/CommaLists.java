package io.accessproof.server.config;

import java.util.ArrayList;
import java.util.List;

/** Secrets and tokens come from environment variables that may hold comma-separated lists. */
public final class CommaLists {
    private CommaLists() {
    }

    /** Every non-blank item of every entry, trimmed, in order. */
    public static List<String> split(List<String> entries) {
        List<String> all = new ArrayList<>();
        for (String entry : entries) {
            for (String s : entry.split(",")) {
                if (!s.isBlank()) {
                    all.add(s.trim());
                }
            }
        }
        return all;
    }
}
