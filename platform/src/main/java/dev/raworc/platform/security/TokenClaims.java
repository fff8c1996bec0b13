package dev.raworc.platform.security;

import java.util.UUID;

/** What a verified token says: whose it is and which credential generation it was issued under. */
record TokenClaims(UUID accountId, String user, long generation) {
}
