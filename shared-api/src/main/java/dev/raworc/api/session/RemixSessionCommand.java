package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Forks the parent session into a new one. {@code upToMessageSeq == null}: all of the parent's
 * messages so far.
 */
public record RemixSessionCommand(@TargetAggregateIdentifier UUID parentSessionId, UUID sessionId, String name,
                                  Map<String, Object> metadata, Long upToMessageSeq, boolean copyMessages,
                                  boolean copyData) {
}
