package dev.raworc.api.files;

import java.util.UUID;

/** A path of a session was deleted by a client, with everything under it; numbered like writes. */
public record FileDeletedEvent(UUID sessionId, long writeNo, String path) {
}
