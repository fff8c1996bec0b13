-- The sessions' files, projected by the processing group "files": each session's checkpoints (the
-- runner's records of /session, by manifest) and the client writes not yet in a checkpoint. The
-- files of a session are its newest checkpoint's manifest with the later writes applied in order.
CREATE TABLE session_checkpoints (
    session_id      UUID         NOT NULL,
    checkpoint_no   BIGINT       NOT NULL,
    message_seq     BIGINT       NOT NULL,
    manifest_hash   CHAR(64)     NOT NULL,
    files           BIGINT       NOT NULL,
    bytes_added     BIGINT       NOT NULL,
    writes_applied  BIGINT       NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    -- retention let go of its files: listed still, its files no longer readable
    expired         BOOLEAN      NOT NULL DEFAULT false,
    PRIMARY KEY (session_id, checkpoint_no)
);

-- a write holds the entries written (JSON) or the path deleted
CREATE TABLE session_file_writes (
    session_id    UUID    NOT NULL,
    write_no      BIGINT  NOT NULL,
    entries       JSONB,
    deleted_path  TEXT,
    PRIMARY KEY (session_id, write_no),
    CHECK ((entries IS NULL) <> (deleted_path IS NULL))
);
