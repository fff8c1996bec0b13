package dev.raworc.api.secret;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateSecretCommand(@TargetAggregateIdentifier UUID secretId, String space, String key,
                                  SecretValue value, String description) {
}
