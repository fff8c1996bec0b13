package dev.raworc.api.secret;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteSecretCommand(@TargetAggregateIdentifier UUID secretId) {
}
