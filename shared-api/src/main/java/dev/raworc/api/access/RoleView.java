package dev.raworc.api.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record RoleView(UUID id, String name, String description, List<Rule> rules, Instant createdAt) {
}
