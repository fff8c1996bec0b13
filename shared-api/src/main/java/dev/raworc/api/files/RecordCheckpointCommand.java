package dev.raworc.api.files;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The runner's record of a session's files: the manifest it stored, and the last client write
 * ({@code writesApplied}) that was in the session's files when it looked.
 */
public record RecordCheckpointCommand(@TargetAggregateIdentifier UUID sessionId, String manifestHash, long files,
                                      long bytesAdded, long writesApplied) {
}
