package dev.raworc.api.session;

import java.util.UUID;

/** The session's container runs: the session is IDLE and takes tasks. */
public record SessionReadyEvent(UUID sessionId, String containerId) {
}
