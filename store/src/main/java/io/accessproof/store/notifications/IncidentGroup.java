package io.accessproof.store.notifications;

/**
 * The group an incident belongs to.
 *
 * @param leaderIncidentId the group's first incident, the only one that paged
 * @param size             the first incident and every incident grouped into it
 */
public record IncidentGroup(String leaderIncidentId, String groupKey, int size) {
}
