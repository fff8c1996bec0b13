package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateSessionCommand(@TargetAggregateIdentifier UUID sessionId, String name, String space, String image,
                                   Map<String, Object> metadata) {
}
