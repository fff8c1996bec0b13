package dev.raworc.api.space;

import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateSpaceCommand(@TargetAggregateIdentifier UUID spaceId, String name, String description,
                                 Map<String, Object> settings) {
}
