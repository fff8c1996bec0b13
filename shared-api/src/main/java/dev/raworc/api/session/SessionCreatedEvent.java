package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

/** A new session, in state INIT. */
public record SessionCreatedEvent(UUID sessionId, String name, String space, String image, Map<String, Object> metadata) {
}
