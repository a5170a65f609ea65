package io.accessproof.server.audit;

import io.accessproof.store.audits.AuditDao;
import io.accessproof.workflows.TaskQueues;
import io.accessproof.workflows.audit.AuditInput;
import io.accessproof.workflows.audit.DriftAuditWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;

/** Starts an audit's workflow, or starts it again where its stored cursor stands. */
public final class AuditStarter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final WorkflowClient temporal;

    public AuditStarter(Jdbi jdbi, WorkflowClient temporal) {
        this.jdbi = jdbi;
        this.temporal = temporal;
    }

    /** A new audit by hand: its row, then its workflow. Returns its id. */
    public String startNew(boolean dryRun) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String auditId = "aud_" + HexFormat.of().formatHex(bytes);
        jdbi.useExtension(AuditDao.class, dao -> dao.create(auditId, dryRun, false));
        run(auditId, dryRun);
        return auditId;
    }

    /** The audit's workflow, unless it runs already: a lost one resumes from the cursor in PostgreSQL. */
    public void run(String auditId, boolean dryRun) {
        DriftAuditWorkflow audit = temporal.newWorkflowStub(DriftAuditWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(DriftAuditWorkflow.idOf(auditId))
                .setTaskQueue(TaskQueues.OUTCOME)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        WorkflowClient.start(audit::audit, new AuditInput(auditId, dryRun));
    }
}
