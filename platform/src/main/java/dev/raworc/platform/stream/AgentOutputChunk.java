package dev.raworc.platform.stream;

import java.util.UUID;

/**
 * A piece of what an agent printed while it works on a task ({@code stream}: {@code stdout} or
 * {@code stderr}). Not an event: the reply is the record; chunks only reach the live streams.
 */
public record AgentOutputChunk(UUID sessionId, long taskSeq, String stream, String text) {
}
