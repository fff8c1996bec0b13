package dev.raworc.api.access;

import java.util.List;
import java.util.UUID;

public record RoleCreatedEvent(UUID roleId, String name, String description, List<Rule> rules, boolean builtIn) {
}
