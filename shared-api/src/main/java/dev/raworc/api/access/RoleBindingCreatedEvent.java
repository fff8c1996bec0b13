package dev.raworc.api.access;

import java.util.UUID;

public record RoleBindingCreatedEvent(
        UUID bindingId,
        UUID roleId,
        String roleName,
        UUID principalId,
        String principal,
        PrincipalType principalType,
        String space) {
}
