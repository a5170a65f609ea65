package io.accessproof.store.operators;

import io.accessproof.store.Json;
import java.util.Map;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Records every operator action: who, what, on which target, with what detail. */
public interface AuditLog {

    @SqlUpdate("""
            INSERT INTO audit_log (actor, action, target, detail)
            VALUES (:actor, :action, :target, CAST(:detail AS jsonb))""")
    void insert(@Bind("actor") String actor, @Bind("action") String action, @Bind("target") String target,
                @Bind("detail") String detailJson);

    default void record(String actor, String action, String target, Map<String, ?> detail) {
        insert(actor, action, target, Json.write(detail));
    }
}
