package dev.raworc.api.session;

import java.util.UUID;

public record SessionStateChangedEvent(UUID sessionId, SessionState from, SessionState to, String reason) {
}
