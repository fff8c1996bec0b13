package dev.raworc.api.session;

/** The parts of a session's state that its events set (see {@link SessionFold}). */
public enum SessionField {
    ID, NAME, SPACE, IMAGE, METADATA, STATE, STATE_REASON, CREATED_BY, PARENT_SESSION_ID, FORKED_FROM_MESSAGE_SEQ,
    CONTAINER_ID, CREATED_AT, UPDATED_AT, LAST_ACTIVITY_AT, CLOSED_AT, DELETED_AT, LAST_SEQ, CLEARED_UP_TO
}
