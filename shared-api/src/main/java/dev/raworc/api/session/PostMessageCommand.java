package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PostMessageCommand(@TargetAggregateIdentifier UUID sessionId, UUID messageId, MessageRole role,
                                 String content, Map<String, Object> metadata) {

    /** A message's content holds at most 1 MiB of UTF-8, from a client or an agent alike. */
    public static final int MAX_CONTENT_BYTES = 1 << 20;
}
