package dev.raworc.api.access;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Binds a role to a principal, globally ({@code space == null}) or within one space. Role and
 * principal are named and identified: the ids keep a binding from passing to a later role or
 * account that reuses a deleted one's name.
 */
public record CreateRoleBindingCommand(
        @TargetAggregateIdentifier UUID bindingId,
        UUID roleId,
        String roleName,
        UUID principalId,
        String principal,
        PrincipalType principalType,
        String space) {
}
