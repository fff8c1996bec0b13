package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

public record SessionMetadataChangedEvent(UUID sessionId, Map<String, Object> metadata) {
}
