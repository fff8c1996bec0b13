package dev.raworc.platform.security;

import java.util.UUID;

/**
 * What a verified token says: whose it is and when it was issued; for an account, the credential
 * generation it was issued under; for a session's agent, the session's space.
 */
record TokenClaims(UUID subject, String user, long generation, String sessionSpace, long issuedAtMillis) {

    boolean forSession() {
        return sessionSpace != null;
    }
}
