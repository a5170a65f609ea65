package io.accessproof.workflows.bulk;

/** How far a bulk job got: {@code done} runs acted on of {@code total}, {@code failed} of them not acted on. */
public record BulkProgress(String jobId, int total, int done, int failed, boolean finished) {
}
