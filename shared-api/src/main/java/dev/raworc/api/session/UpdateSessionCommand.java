package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes what is given; a {@code null} field stays as it is. */
public record UpdateSessionCommand(@TargetAggregateIdentifier UUID sessionId, String name, Map<String, Object> metadata) {
}
