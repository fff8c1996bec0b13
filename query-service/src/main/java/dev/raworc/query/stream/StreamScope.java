package dev.raworc.query.stream;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.DomainEventMessage;

import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.platform.access.CallerPermissions;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.Target;
import dev.raworc.platform.access.Verb;

/**
 * Which sessions a stream follows (one, or every session of a space), and whether its caller may
 * still read them: the audit permission, as {@code GET /sessions/{id}/events} needs.
 */
final class StreamScope {

    static final String SESSION_AGGREGATE = "Session";

    private final UUID session;
    private final String space;
    private final SessionTargets sessions;
    /** Sessions never change their space: each is looked up once. */
    private final Map<UUID, String> spaces = new ConcurrentHashMap<>();

    private StreamScope(UUID session, String space, SessionTargets sessions) {
        this.session = session;
        this.space = space;
        this.sessions = sessions;
    }

    static StreamScope session(UUID session, String space, SessionTargets sessions) {
        StreamScope scope = new StreamScope(session, space, sessions);
        scope.spaces.put(session, space);
        return scope;
    }

    static StreamScope space(String space, SessionTargets sessions) {
        return new StreamScope(null, space, sessions);
    }

    /** Whether the caller may read the session's events now. */
    boolean admits(UUID sessionId, CallerPermissions permissions) {
        if (session != null && !session.equals(sessionId)) {
            return false;
        }
        return spaceOf(sessionId).filter(space::equals)
                .map(found -> permissions.allows(Resource.SESSIONS, Verb.AUDIT, new Target(found, sessionId.toString())))
                .orElse(false);
    }

    /** Whether the caller may still hold the stream open at all. */
    boolean stillAllowed(CallerPermissions permissions) {
        return session != null ? admits(session, permissions) : permissions.allowsSomewhereIn(Resource.SESSIONS, Verb.AUDIT, space);
    }

    /** Learns a new session's space from its first event, which may come before the read models have it. */
    void learn(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof SessionCreatedEvent created) {
            spaces.putIfAbsent(created.sessionId(), created.space());
        } else if (payload instanceof SessionForkedEvent forked) {
            spaces.putIfAbsent(forked.sessionId(), forked.space());
        }
    }

    /** The one session followed, or null for every session of the space. */
    UUID session() {
        return session;
    }

    private Optional<String> spaceOf(UUID sessionId) {
        String known = spaces.get(sessionId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = sessions.find(sessionId.toString()).map(SessionTargets.SessionRef::space);
        found.ifPresent(value -> spaces.put(sessionId, value));
        return found;
    }
}
