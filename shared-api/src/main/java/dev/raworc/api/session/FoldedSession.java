package dev.raworc.api.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.raworc.api.SortedKeys;

/**
 * A session as its events build it up ({@link SessionFold}): what the API shows of it, and the
 * numbering of its conversation. Times are at the millisecond precision of the wire format.
 */
public record FoldedSession(UUID id, String name, String space, String image, Map<String, Object> metadata,
                            SessionState state, String stateReason, String createdBy, UUID parentSessionId,
                            Long forkedFromMessageSeq, String containerId, Instant createdAt, Instant updatedAt,
                            Instant lastActivityAt, Instant closedAt, Instant deletedAt, long lastSeq,
                            long clearedUpTo) {

    /** Before its first event. */
    public static final FoldedSession NONE = new FoldedSession(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, 0, 0);

    /** The session with the fields an event set. */
    public FoldedSession with(Map<SessionField, Object> changes) {
        return new FoldedSession(pick(changes, SessionField.ID, id), pick(changes, SessionField.NAME, name),
                pick(changes, SessionField.SPACE, space), pick(changes, SessionField.IMAGE, image),
                pick(changes, SessionField.METADATA, metadata), pick(changes, SessionField.STATE, state),
                pick(changes, SessionField.STATE_REASON, stateReason), pick(changes, SessionField.CREATED_BY, createdBy),
                pick(changes, SessionField.PARENT_SESSION_ID, parentSessionId),
                pick(changes, SessionField.FORKED_FROM_MESSAGE_SEQ, forkedFromMessageSeq),
                pick(changes, SessionField.CONTAINER_ID, containerId), pick(changes, SessionField.CREATED_AT, createdAt),
                pick(changes, SessionField.UPDATED_AT, updatedAt),
                pick(changes, SessionField.LAST_ACTIVITY_AT, lastActivityAt),
                pick(changes, SessionField.CLOSED_AT, closedAt), pick(changes, SessionField.DELETED_AT, deletedAt),
                pick(changes, SessionField.LAST_SEQ, lastSeq), pick(changes, SessionField.CLEARED_UP_TO, clearedUpTo));
    }

    /** Whether its first event has been folded in. */
    public boolean exists() {
        return createdAt != null;
    }

    /** The messages of its current conversation: numbering goes on after a clear. */
    public long messageCount() {
        return lastSeq - clearedUpTo;
    }

    /** As the API shows it; metadata with its keys sorted, as a read from jsonb also gives them. */
    public SessionView view() {
        return new SessionView(id, name, space, state.wireName(), stateReason, createdBy, parentSessionId,
                forkedFromMessageSeq, image, containerId, SortedKeys.of(metadata), createdAt, updatedAt, lastActivityAt,
                closedAt);
    }

    @SuppressWarnings("unchecked")
    private static <T> T pick(Map<SessionField, Object> changes, SessionField field, T current) {
        return changes.containsKey(field) ? (T) changes.get(field) : current;
    }
}
