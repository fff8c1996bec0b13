package dev.raworc.api.access;

import java.util.UUID;

/** Answers an {@code Optional<RoleBindingView>}. */
public record FindRoleBindingQuery(UUID bindingId) {
}
