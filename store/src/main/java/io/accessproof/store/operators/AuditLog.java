package io.accessproof.store.operators;

import io.accessproof.store.Json;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
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

    /** An action written by an activity: {@code requestId} names the activity, {@code answerJson} what it answered. */
    @SqlUpdate("""
            INSERT INTO audit_log (actor, action, target, detail, request_id, answer)
            VALUES (:actor, :action, :target, CAST(:detail AS jsonb), :requestId, CAST(:answer AS jsonb))""")
    void insertAnswered(@Bind("actor") String actor, @Bind("action") String action, @Bind("target") String target,
                        @Bind("detail") String detailJson, @Bind("requestId") String requestId,
                        @Bind("answer") String answerJson);

    /** The answer an earlier attempt of the same activity recorded. */
    @SqlQuery("SELECT CAST(answer AS text) FROM audit_log WHERE request_id = :requestId")
    Optional<String> answerOf(@Bind("requestId") String requestId);
}
