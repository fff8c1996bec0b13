package dev.raworc.query.access;

import java.time.Instant;
import java.util.UUID;

/** A row of the {@code role_bindings} read model. */
public record RoleBindingView(UUID id, String roleName, String principal, String principalType, String space,
                              Instant createdAt) {
}
