package dev.raworc.api.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A session as the API shows it; {@code state} is lower case, as on the wire. */
public record SessionView(UUID id, String name, String space, String state, String stateReason, String createdBy,
                          UUID parentSessionId, Long forkedFromMessageSeq, String image, String containerId,
                          Map<String, Object> metadata, Instant createdAt, Instant updatedAt, Instant lastActivityAt,
                          Instant closedAt) {
}
