package dev.raworc.api.files;

import java.util.UUID;

/**
 * A checkpoint of a session's {@code /session}: numbered 1, 2, 3 … per session, tied to the newest
 * message then ({@code messageSeq}), holding every client write up to {@code writesApplied}.
 * The files are the manifest's; {@code bytesAdded} is what the content store did not hold before.
 */
public record CheckpointRecordedEvent(UUID sessionId, long checkpointNo, long messageSeq, String manifestHash,
                                      long files, long bytesAdded, long writesApplied) {
}
