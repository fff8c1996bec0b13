package dev.raworc.api.session;

import java.util.UUID;

/** The session is gone, with its container and volume; only its audit history remains. */
public record SessionDeletedEvent(UUID sessionId, String space) {
}
