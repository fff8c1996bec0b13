-- Rebuilds of the read models: started by POST /admin/rebuild on one query process and followed
-- with GET on any. The process running one renews heartbeat_at every second; a running row whose
-- heartbeat stopped (its process died) is failed, so it never blocks the next rebuild.
CREATE TABLE rebuilds (
    id                 UUID         PRIMARY KEY,
    state              VARCHAR(16)  NOT NULL,
    processors         TEXT         NOT NULL,
    head_at_start      BIGINT       NOT NULL,
    started_at         TIMESTAMPTZ  NOT NULL,
    heartbeat_at       TIMESTAMPTZ  NOT NULL,
    finished_at        TIMESTAMPTZ,
    events_per_second  DOUBLE PRECISION,
    error              TEXT
);

-- at most one rebuild runs at a time, whichever process starts it
CREATE UNIQUE INDEX rebuilds_one_running ON rebuilds ((true)) WHERE state = 'running';
