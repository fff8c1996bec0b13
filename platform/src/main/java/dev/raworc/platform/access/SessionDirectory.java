package dev.raworc.platform.access;

import java.util.Optional;
import java.util.UUID;

import dev.raworc.platform.access.SessionTargets.SessionRef;

/**
 * Where permission checks and addressing look sessions up. The command side answers from its own
 * state (and wins where it runs), so that a process without read models can check permissions;
 * elsewhere the read model answers.
 */
public interface SessionDirectory {

    /** The session with this id, a deleted one included. */
    Optional<SessionRef> byId(UUID id);

    /** The session that is not deleted and has this name. */
    Optional<SessionRef> liveByName(String name);

    /**
     * Whether a session agent's token still holds: the session is live and not deleted, and the
     * token was issued after the session's last close (a restored session's agent gets a new one).
     */
    boolean agentTokenValid(UUID sessionId, long issuedAtMillis);
}
