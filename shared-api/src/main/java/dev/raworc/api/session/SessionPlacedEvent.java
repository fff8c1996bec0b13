package dev.raworc.api.session;

import java.util.UUID;

/** The session runs on this runner from now on: only it touches the session's container and volume. */
public record SessionPlacedEvent(UUID sessionId, String runner) {
}
