package io.accessproof.server.api;

import io.accessproof.activities.store.Json;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Records every operator action: who, what, on which target, with what detail. */
public final class AuditLog {
    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(String actor, String action, String target, Map<String, ?> detail) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (actor, action, target, detail) "
                        + "VALUES (:actor, :action, :target, CAST(:detail AS jsonb))")
                .bind("actor", actor)
                .bind("action", action)
                .bind("target", target)
                .bind("detail", Json.write(detail))
                .execute());
    }
}
