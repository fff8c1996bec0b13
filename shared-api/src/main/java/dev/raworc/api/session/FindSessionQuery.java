package dev.raworc.api.session;

import java.util.UUID;

/** Answers an {@code Optional<SessionView>}. */
public record FindSessionQuery(UUID sessionId) {
}
