package dev.raworc.api.access;

import java.util.UUID;

public record RoleBindingCreatedEvent(
        UUID bindingId,
        String roleName,
        String principal,
        PrincipalType principalType,
        String space) {
}
