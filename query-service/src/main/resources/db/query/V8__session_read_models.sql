-- Read models of sessions and their messages, written only by their projection.

CREATE TABLE sessions (
    id                       UUID          PRIMARY KEY,
    name                     VARCHAR(63),
    space                    VARCHAR(63)   NOT NULL,
    state                    VARCHAR(16)   NOT NULL,
    state_reason             TEXT,
    created_by               VARCHAR(63),
    parent_session_id        UUID,
    forked_from_message_seq  BIGINT,
    image                    VARCHAR(255)  NOT NULL,
    container_id             VARCHAR(128),
    metadata                 JSONB         NOT NULL,
    created_at               TIMESTAMPTZ   NOT NULL,
    updated_at               TIMESTAMPTZ   NOT NULL,
    last_activity_at         TIMESTAMPTZ,
    closed_at                TIMESTAMPTZ,
    -- kept for the audit history and permission checks of deleted sessions
    deleted_at               TIMESTAMPTZ
);

CREATE INDEX sessions_order ON sessions (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX sessions_name ON sessions (name) WHERE deleted_at IS NULL;
CREATE INDEX sessions_space ON sessions (space);
CREATE INDEX sessions_parent ON sessions (parent_session_id);

CREATE TABLE messages (
    id          UUID         PRIMARY KEY,
    session_id  UUID         NOT NULL,
    seq         BIGINT       NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    content     TEXT         NOT NULL,
    metadata    JSONB        NOT NULL,
    created_by  VARCHAR(63),
    created_at  TIMESTAMPTZ  NOT NULL,
    UNIQUE (session_id, seq)
);
