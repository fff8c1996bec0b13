package dev.raworc.query.stream;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One event as a stream sends it: where it is in the log ({@code position}, the stream's
 * {@code id:}), and the fields of an item of {@code GET /sessions/{id}/events}.
 */
record StreamedEvent(String position, UUID sessionId, long seq, String type, Instant occurredAt, String principal,
                     JsonNode data) {
}
