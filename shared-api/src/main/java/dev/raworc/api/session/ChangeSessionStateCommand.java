package dev.raworc.api.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeSessionStateCommand(@TargetAggregateIdentifier UUID sessionId, SessionState state, String reason) {
}
