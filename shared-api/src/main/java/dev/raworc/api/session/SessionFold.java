package dev.raworc.api.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that says what each session event sets of a session: the aggregate, the read
 * model and the time travel of {@code as_of} all fold the same changes, so they cannot disagree.
 * A change sets plain values and never depends on the state before it, which lets the read model
 * write it without reading its row first.
 */
public final class SessionFold {

    private SessionFold() {
    }

    /** The session after one more event, recorded at {@code at} on behalf of {@code principal}. */
    public static FoldedSession apply(FoldedSession before, Object event, Instant at, String principal) {
        Map<SessionField, Object> changes = changes(event, at, principal);
        return changes.isEmpty() ? before : before.with(changes);
    }

    /** What the event sets; empty for events that are not about a session's state. */
    public static Map<SessionField, Object> changes(Object event, Instant recordedAt, String principal) {
        Instant at = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        Map<SessionField, Object> changes = new EnumMap<>(SessionField.class);
        if (event instanceof SessionCreatedEvent e) {
            begin(changes, e.sessionId(), e.name(), e.space(), e.image(), e.metadata(), principal, at);
        } else if (event instanceof SessionForkedEvent e) {
            begin(changes, e.sessionId(), e.name(), e.space(), e.image(), e.metadata(), principal, at);
            changes.put(SessionField.PARENT_SESSION_ID, e.parentSessionId());
            changes.put(SessionField.FORKED_FROM_MESSAGE_SEQ, e.upToMessageSeq());
            changes.put(SessionField.LAST_SEQ, e.copyMessages() ? e.upToMessageSeq() : 0L);
        } else if (event instanceof SessionRenamedEvent e) {
            changed(changes, SessionField.NAME, e.name(), at);
        } else if (event instanceof SessionMetadataChangedEvent e) {
            changed(changes, SessionField.METADATA, e.metadata(), at);
        } else if (event instanceof SessionStateChangedEvent e) {
            state(changes, e.to(), e.reason(), at);
        } else if (event instanceof SessionReadyEvent e) {
            state(changes, SessionState.IDLE, null, at);
            changes.put(SessionField.CONTAINER_ID, e.containerId());
        } else if (event instanceof SessionClosedEvent) {
            state(changes, SessionState.CLOSED, null, at);
        } else if (event instanceof SessionRestoredEvent) {
            state(changes, SessionState.INIT, null, at);
        } else if (event instanceof SessionDeletedEvent) {
            changed(changes, SessionField.DELETED_AT, at, at);
        } else if (event instanceof MessagePostedEvent e) {
            // messages are activity, not changes of the session: updated_at stays
            changes.put(SessionField.LAST_SEQ, e.seq());
            changes.put(SessionField.LAST_ACTIVITY_AT, at);
        } else if (event instanceof MessagesClearedEvent e) {
            changes.put(SessionField.CLEARED_UP_TO, e.upToSeq());
        }
        return changes;
    }

    private static void begin(Map<SessionField, Object> changes, UUID id, String name, String space, String image,
                              Map<String, Object> metadata, String principal, Instant at) {
        changes.put(SessionField.ID, id);
        changes.put(SessionField.NAME, name);
        changes.put(SessionField.SPACE, space);
        changes.put(SessionField.IMAGE, image);
        changes.put(SessionField.METADATA, metadata);
        changes.put(SessionField.STATE, SessionState.INIT);
        changes.put(SessionField.CREATED_BY, principal);
        changes.put(SessionField.CREATED_AT, at);
        changes.put(SessionField.UPDATED_AT, at);
        changes.put(SessionField.LAST_ACTIVITY_AT, at);
    }

    /** A session that is not running has no container (the runner removes it); a closed one records when. */
    private static void state(Map<SessionField, Object> changes, SessionState state, String reason, Instant at) {
        changes.put(SessionField.STATE, state);
        changes.put(SessionField.STATE_REASON, reason);
        if (state != SessionState.IDLE && state != SessionState.BUSY) {
            changes.put(SessionField.CONTAINER_ID, null);
        }
        if (state == SessionState.CLOSED) {
            changes.put(SessionField.CLOSED_AT, at);
        }
        changes.put(SessionField.UPDATED_AT, at);
    }

    private static void changed(Map<SessionField, Object> changes, SessionField field, Object value, Instant at) {
        changes.put(field, value);
        changes.put(SessionField.UPDATED_AT, at);
    }
}
