package dev.raworc.api.account;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateServiceAccountCommand(
        @TargetAggregateIdentifier UUID accountId,
        String user,
        PasswordHash passwordHash,
        String description) {
}
