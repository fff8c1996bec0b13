package dev.raworc.api.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The runner reports the session's container running: INIT → IDLE. */
public record MarkSessionReadyCommand(@TargetAggregateIdentifier UUID sessionId, String containerId) {
}
