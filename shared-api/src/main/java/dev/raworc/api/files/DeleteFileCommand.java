package dev.raworc.api.files;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a path of a session, with everything under it. */
public record DeleteFileCommand(@TargetAggregateIdentifier UUID sessionId, String path) {
}
