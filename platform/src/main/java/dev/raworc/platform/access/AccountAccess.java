package dev.raworc.platform.access;

import java.util.List;
import java.util.UUID;

/**
 * What a bearer token check and the permission checks need of an account. {@code generation}
 * counts the changes that void its tokens (password change, (de)activation). No password material.
 */
public record AccountAccess(UUID accountId, String user, boolean active, long generation, List<Grant> grants) {

    /** One binding: its role's name and rules (as JSON text, parsed once by {@link AccessGrants}), in one space or all. */
    public record Grant(String roleName, String space, String rulesJson) {
    }
}
