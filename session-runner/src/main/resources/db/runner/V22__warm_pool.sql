-- The warm pool (RAWORC_RUNNER_WARM_POOL). A session that takes a warm container keeps the volume the
-- container was made with: its name is recorded here, else a session's volume is named after it.
CREATE TABLE runner_volumes (
    session_id uuid PRIMARY KEY,
    volume     text NOT NULL UNIQUE
);

-- How many warm containers each runner holds ready, for the default image: placement prefers one that has some.
ALTER TABLE runner_heartbeats ADD COLUMN warm_members integer NOT NULL DEFAULT 0;
