package dev.raworc.api.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ClearMessagesCommand(@TargetAggregateIdentifier UUID sessionId) {
}
