package dev.raworc.api.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The runner reports a runtime failure of a live session: it becomes ERRORED with the reason. */
public record FailSessionCommand(@TargetAggregateIdentifier UUID sessionId, String reason) {
}
