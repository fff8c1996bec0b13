package dev.raworc.api.session;

import java.util.UUID;

/** The session's container is to be stopped; its data is kept. */
public record SessionClosedEvent(UUID sessionId, SessionState from) {
}
