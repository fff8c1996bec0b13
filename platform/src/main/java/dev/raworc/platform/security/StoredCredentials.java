package dev.raworc.platform.security;

import java.util.UUID;

import dev.raworc.api.account.PasswordHash;

/**
 * What the server keeps to authenticate an account. {@code generation} grows with every change
 * that must void the tokens issued before it (a new password, say).
 */
public record StoredCredentials(UUID accountId, String user, PasswordHash passwordHash, boolean active, long generation) {
}
