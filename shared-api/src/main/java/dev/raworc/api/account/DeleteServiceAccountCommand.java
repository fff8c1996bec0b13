package dev.raworc.api.account;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteServiceAccountCommand(@TargetAggregateIdentifier UUID accountId) {
}
