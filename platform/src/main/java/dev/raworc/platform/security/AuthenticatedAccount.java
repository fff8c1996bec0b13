package dev.raworc.platform.security;

import java.util.UUID;

/** The principal of an authenticated request. */
public record AuthenticatedAccount(UUID accountId, String user) {
}
