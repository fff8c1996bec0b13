package dev.raworc.runner.session;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.raworc.runner.RunnerProperties;

/**
 * Which runner each session is placed on, and its space, from the event store. Neither ever
 * changes, so once known they are kept; sessions from before placement belong to runner {@code default}.
 */
@Component
class Placements {

    private final RecordedSessions recorded;
    private final RunnerProperties properties;
    private final Map<UUID, String> known = new ConcurrentHashMap<>();
    private final Map<UUID, String> spaces = new ConcurrentHashMap<>();

    Placements(RecordedSessions recorded, RunnerProperties properties) {
        this.recorded = recorded;
        this.properties = properties;
    }

    void placed(UUID sessionId, String runner) {
        known.put(sessionId, runner);
    }

    Optional<String> runnerOf(UUID sessionId) {
        String runner = known.get(sessionId);
        if (runner == null) {
            runner = recorded.read(sessionId).runner();
            if (runner != null) {
                known.put(sessionId, runner);
            }
        }
        return Optional.ofNullable(runner);
    }

    /** Whether this runner acts on the session. */
    boolean mine(UUID sessionId) {
        return properties.owns(runnerOf(sessionId).orElse(null));
    }

    /** Whether the session is placed on this runner (an unplaced one is not yet anybody's to run). */
    boolean placedHere(UUID sessionId) {
        return runnerOf(sessionId).filter(properties.name()::equals).isPresent();
    }

    void inSpace(UUID sessionId, String space) {
        spaces.put(sessionId, space);
    }

    String spaceOf(UUID sessionId) {
        return spaces.computeIfAbsent(sessionId, id -> recorded.read(id).space());
    }

    void forget(UUID sessionId) {
        known.remove(sessionId);
        spaces.remove(sessionId);
    }
}
