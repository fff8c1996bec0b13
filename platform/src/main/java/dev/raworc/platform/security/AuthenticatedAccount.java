package dev.raworc.platform.security;

import java.util.UUID;

/**
 * The principal of an authenticated request: a service account, or the agent of one session
 * (then {@code session} says which, and {@code accountId} is the session's id).
 */
public record AuthenticatedAccount(UUID accountId, String user, SessionScope session) {

    /** A token that speaks for one session's agent only. */
    public record SessionScope(UUID sessionId, String space) {
    }

    public AuthenticatedAccount(UUID accountId, String user) {
        this(accountId, user, null);
    }

    public boolean isSessionAgent() {
        return session != null;
    }
}
