package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

/**
 * The first event of a remix: the session begins as a fork of the parent's history up to
 * {@code upToMessageSeq}. With {@code copyMessages} those messages are part of its conversation
 * and its own messages are numbered on from there. The session starts in state INIT.
 */
public record SessionForkedEvent(UUID sessionId, UUID parentSessionId, long upToMessageSeq, boolean copyMessages,
                                 boolean copyData, String name, String space, String image,
                                 Map<String, Object> metadata) {
}
