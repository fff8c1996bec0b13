package dev.raworc.api.access;

import java.util.UUID;

/** The role is gone, and with it every binding to it. */
public record RoleDeletedEvent(UUID roleId, String name) {
}
