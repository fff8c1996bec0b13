package dev.raworc.api.space;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteSpaceCommand(@TargetAggregateIdentifier UUID spaceId) {
}
