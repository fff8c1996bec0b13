package dev.raworc.api.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteSessionCommand(@TargetAggregateIdentifier UUID sessionId) {
}
