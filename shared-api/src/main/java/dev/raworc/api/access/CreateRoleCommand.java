package dev.raworc.api.access;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a role; {@code builtIn} roles are seeded by the server and cannot be deleted. */
public record CreateRoleCommand(@TargetAggregateIdentifier UUID roleId, String name, String description,
                                List<Rule> rules, boolean builtIn) {
}
