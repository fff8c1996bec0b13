package dev.raworc.api.files;

import java.util.List;
import java.util.UUID;

/**
 * Files were written into a session by a client (its principal is on the event). Writes are
 * numbered 1, 2, 3 … per session, deletes included; a checkpoint says up to which one it holds.
 */
public record FilesWrittenEvent(UUID sessionId, long writeNo, List<FileEntry> entries) {
}
