-- Messages are projected by a processing group of their own, "messages", beside "sessions", so that a
-- rebuild or a burst writes both at once. The messages group also keeps each session's last activity,
-- in a table of its own: every read-model table has one writer, however far apart the two groups are.
-- Both groups start at the beginning of the event stream, so their read models start empty.

CREATE TABLE session_activity (
    session_id       UUID         PRIMARY KEY,
    last_message_at  TIMESTAMPTZ  NOT NULL
);

ALTER TABLE sessions DROP COLUMN last_activity_at;

DELETE FROM token_entry WHERE processor_name = 'sessions';
TRUNCATE messages, sessions, session_counts;
