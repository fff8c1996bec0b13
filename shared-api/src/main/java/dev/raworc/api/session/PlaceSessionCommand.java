package dev.raworc.api.session;

import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A runner claims a session to run it. The first claim of a live, unplaced session wins; any later
 * claim changes nothing, so runners may race for a session and let the event decide.
 */
public record PlaceSessionCommand(@TargetAggregateIdentifier UUID sessionId, String runner) {
}
