package io.accessproof.activities.notify;

import com.fasterxml.jackson.core.type.TypeReference;
import io.accessproof.store.Json;
import java.util.List;
import java.util.Optional;

/** What an incident's {@code notified} list already says: the memory that makes retries idempotent. */
final class Attempts {
    private static final TypeReference<List<Attempt>> LIST = new TypeReference<>() {
    };

    private final List<Attempt> entries;

    private Attempts(List<Attempt> entries) {
        this.entries = entries;
    }

    static Attempts parse(String notifiedJson) {
        if (notifiedJson == null || notifiedJson.isBlank()) {
            return new Attempts(List.of());
        }
        try {
            return new Attempts(List.copyOf(Json.MAPPER.readValue(notifiedJson, LIST)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an incident's notified list is not a list of attempts", e);
        }
    }

    boolean has(SinkSpec sink, NotifyAction action, String outcome) {
        return entries.stream().anyMatch(a -> sink.name().equals(a.sink()) && action.wire().equals(a.action())
                && outcome.equals(a.outcome()));
    }

    /** Sent, or refused for good: either way this (sink, action) is not attempted again. */
    boolean settled(SinkSpec sink, NotifyAction action) {
        return has(sink, action, Attempt.SENT) || has(sink, action, Attempt.REJECTED);
    }

    Optional<Attempt> groupDecision() {
        return entries.stream().filter(Attempt::isGroupDecision).findFirst();
    }
}
