-- Webhooks, owned by the query side's webhook module.

-- The read model of GET /webhooks, projected by the processing group "webhooks" (rebuilt with the
-- other read models). No signing secret here: the API never shows it after the create.
CREATE TABLE webhooks (
    id           UUID          PRIMARY KEY,
    url          TEXT          NOT NULL,
    event_types  JSONB         NOT NULL,
    space        VARCHAR(63),
    active       BOOLEAN       NOT NULL,
    created_by   VARCHAR(255),
    created_at   TIMESTAMPTZ   NOT NULL
);

CREATE INDEX webhooks_space ON webhooks (space);

-- The delivery's own state, written by the processing group "webhook-outbox", which starts at the
-- head of the log and never replays (a rebuild leaves these tables alone: deliveries are side effects).

-- What the outbox matches events against and the worker signs with (the secret sealed, as in the
-- events), and whether the webhook's last settled delivery failed.
CREATE TABLE webhook_subscriptions (
    id           UUID          PRIMARY KEY,
    url          TEXT          NOT NULL,
    event_types  JSONB         NOT NULL,
    space        VARCHAR(63),
    active       BOOLEAN       NOT NULL,
    key_id       UUID          NOT NULL,
    nonce        TEXT          NOT NULL,
    ciphertext   TEXT          NOT NULL,
    failing      BOOLEAN       NOT NULL DEFAULT false
);

-- The space of each session seen, read once from its first event (sessions never change space).
CREATE TABLE webhook_session_spaces (
    session_id  UUID         PRIMARY KEY,
    space       VARCHAR(63)  NOT NULL
);

-- One message per (webhook, event, origin): origin 0 for an event delivered as it came, else the
-- global position of the replay request that delivers it again. The id orders a session's deliveries.
CREATE TABLE webhook_deliveries (
    id               BIGSERIAL     PRIMARY KEY,
    webhook_id       UUID          NOT NULL,
    origin           BIGINT        NOT NULL,
    position         BIGINT        NOT NULL,
    message_id       VARCHAR(64)   NOT NULL,
    session_id       UUID          NOT NULL,
    event_type       VARCHAR(64)   NOT NULL,
    body             TEXT          NOT NULL,
    -- pending, delivered, or failed (every attempt used; kept for a replay)
    state            VARCHAR(16)   NOT NULL DEFAULT 'pending',
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    UNIQUE (webhook_id, origin, position)
);

CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, session_id, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
    delivery_id   BIGINT        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt       INT           NOT NULL,
    attempted_at  TIMESTAMPTZ   NOT NULL,
    status_code   INT,
    latency_ms    BIGINT        NOT NULL,
    error         TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
