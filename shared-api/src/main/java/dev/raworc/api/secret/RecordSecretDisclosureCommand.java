package dev.raworc.api.secret;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the caller (the command's principal) was shown the secret's value. */
public record RecordSecretDisclosureCommand(@TargetAggregateIdentifier UUID secretId) {
}
