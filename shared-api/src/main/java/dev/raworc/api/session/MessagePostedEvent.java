package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

/** A message of the session, numbered {@code seq} 1, 2, 3 … without gaps. */
public record MessagePostedEvent(UUID sessionId, UUID messageId, long seq, MessageRole role, String content,
                                 Map<String, Object> metadata) {
}
