package dev.raworc.query.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rebuild as {@code GET /admin/rebuilds/{id}} shows it.
 *
 * @param state           {@code running}, {@code done} or {@code failed}
 * @param headAtStart     the newest event's global index when it started: done once every group passed it
 * @param head            the newest event's global index now
 * @param groups          each rebuilt processing group's position now
 * @param eventsPerSecond global indexes replayed per second by the slowest group, so far or in all
 */
record RebuildStatus(UUID id, String state, Instant startedAt, Instant finishedAt, long durationMs, List<String> processors,
                     long headAtStart, long head, List<Group> groups, double eventsPerSecond, String error) {

    /** @param eventsBehind global indexes between the group's position and the newest event */
    record Group(String name, long position, long eventsBehind) {
    }
}
