package dev.raworc.api.access;

import java.util.UUID;

/** Answers an {@code Optional<RoleView>}. */
public record FindRoleQuery(UUID roleId) {
}
