package dev.raworc.query.files;

import java.time.Instant;

/** A checkpoint of a session's files as {@code GET /sessions/{id}/checkpoints} shows it. */
record CheckpointView(long checkpointNo, long messageSeq, String manifestHash, long files, long bytesAdded,
                      long writesApplied, Instant recordedAt, boolean expired) {
}
