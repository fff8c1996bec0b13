package dev.raworc.api.secret;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes what is given; a {@code null} field stays as it is. */
public record UpdateSecretCommand(@TargetAggregateIdentifier UUID secretId, SecretValue value, String description) {
}
