-- The runners' own state, projected from the events by the processing group "runner-state" (shared
-- by all runner processes, started at the beginning of the event stream): runners never read the
-- query side's tables. Heartbeats tell runners which of them are alive.

CREATE TABLE runner_sessions (
    id                uuid PRIMARY KEY,
    space             text        NOT NULL,
    image             text        NOT NULL,
    state             text        NOT NULL,
    state_reason      text,
    runner            text,
    deleted           boolean     NOT NULL DEFAULT false,
    last_activity_at  timestamptz NOT NULL,
    -- the newest USER message (a task) and the newest task an AGENT message answered
    last_task_seq     bigint      NOT NULL DEFAULT 0,
    last_answered_seq bigint      NOT NULL DEFAULT 0
);

CREATE INDEX runner_sessions_by_runner ON runner_sessions (runner) WHERE NOT deleted;

CREATE TABLE runner_heartbeats (
    runner  text PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
