package dev.raworc.api.files;

import java.util.UUID;

/** The files of the session's checkpoints up to {@code throughCheckpointNo} were let go (retention). */
public record CheckpointsExpiredEvent(UUID sessionId, long throughCheckpointNo) {
}
