package dev.raworc.api.access;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Binds a role to a principal, globally ({@code space == null}) or within one space. */
public record CreateRoleBindingCommand(
        @TargetAggregateIdentifier UUID bindingId,
        String roleName,
        String principal,
        PrincipalType principalType,
        String space) {
}
