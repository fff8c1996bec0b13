package dev.raworc.api.session;

import java.util.UUID;

/** The conversation up to {@code upToSeq} leaves the current view; the history keeps it. */
public record MessagesClearedEvent(UUID sessionId, long upToSeq) {
}
