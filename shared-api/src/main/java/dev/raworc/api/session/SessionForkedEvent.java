package dev.raworc.api.session;

import java.util.Map;
import java.util.UUID;

/**
 * The first event of a remix: the session begins as a fork of the parent's history up to
 * {@code upToMessageSeq}. With {@code copyMessages} those messages are part of its conversation
 * and its own messages are numbered on from there. The session starts in state INIT. With
 * {@code copyData} its files are those of the manifest {@code filesFrom} (a remix from a past
 * message) or, when that is null, the parent's files as they are when the child starts.
 */
public record SessionForkedEvent(UUID sessionId, UUID parentSessionId, long upToMessageSeq, boolean copyMessages,
                                 boolean copyData, String name, String space, String image,
                                 Map<String, Object> metadata, String filesFrom) {
}
