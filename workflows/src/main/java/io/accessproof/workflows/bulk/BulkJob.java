package io.accessproof.workflows.bulk;

import java.util.List;

/**
 * A bulk retry or terminate as the operator asked for it.
 *
 * @param action     retry or terminate
 * @param reason     terminate's reason; null for retry
 * @param filterJson the filter that matched the runs, for the record
 * @param perSecond  runs acted on per second at most
 */
public record BulkJob(String jobId, String action, String actor, String reason, String filterJson,
                      List<String> eventIds, double perSecond) {
}
