package dev.raworc.api.access;

import java.time.Instant;
import java.util.UUID;

/** A role binding as the API shows it; {@code space == null} binds in every space. */
public record RoleBindingView(UUID id, String roleName, String principal, PrincipalType principalType, String space,
                              Instant createdAt) {
}
