package dev.raworc.api.access;

import java.util.List;
import java.util.UUID;

/** A built-in role's rules were replaced by those of a newer server version. */
public record RoleRulesReplacedEvent(UUID roleId, String name, List<Rule> rules) {
}
