package dev.raworc.api.session;

import java.util.UUID;

/** Answers an {@code Optional<MessageView>}. */
public record FindMessageQuery(UUID messageId) {
}
