package dev.raworc.api.access;

import java.util.UUID;

public record RoleBindingDeletedEvent(UUID bindingId) {
}
