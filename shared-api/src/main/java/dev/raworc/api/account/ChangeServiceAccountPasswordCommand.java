package dev.raworc.api.account;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a new password; the caller has already been checked (own current password, or permission). */
public record ChangeServiceAccountPasswordCommand(@TargetAggregateIdentifier UUID accountId, PasswordHash newPasswordHash) {
}
