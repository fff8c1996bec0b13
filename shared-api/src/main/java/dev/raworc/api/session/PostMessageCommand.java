package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PostMessageCommand(@TargetAggregateIdentifier UUID sessionId, UUID messageId, MessageRole role,
                                 String content, Map<String, Object> metadata) {
}
