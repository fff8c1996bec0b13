package dev.raworc.api.files;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retention: the session's checkpoints up to {@code throughCheckpointNo} are no longer kept. */
public record ExpireCheckpointsCommand(@TargetAggregateIdentifier UUID sessionId, long throughCheckpointNo) {
}
