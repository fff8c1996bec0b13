package dev.raworc.api.space;

import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes what is given; a {@code null} field stays as it is. */
public record UpdateSpaceCommand(@TargetAggregateIdentifier UUID spaceId, String description,
                                 Map<String, Object> settings, Boolean active) {
}
