package dev.raworc.api.access;

import java.util.List;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives a built-in role the rules this version of the server has for it (a new verb, say), so an
 * installation seeded by an older version grants what a new one does. Answers whether they changed.
 */
public record ReplaceBuiltInRoleRulesCommand(@TargetAggregateIdentifier UUID roleId, List<Rule> rules) {
}
