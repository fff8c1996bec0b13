package dev.raworc.api.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A message as the API shows it; {@code role} is lower case, as on the wire. */
public record MessageView(UUID id, UUID sessionId, long seq, String role, String content, Map<String, Object> metadata,
                          String createdBy, Instant createdAt) {
}
