package dev.raworc.api.access;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteRoleBindingCommand(@TargetAggregateIdentifier UUID bindingId) {
}
