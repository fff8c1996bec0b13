-- Read model of secrets: metadata, and the value only as ciphertext with its data key's id.

CREATE TABLE secrets (
    id          UUID          PRIMARY KEY,
    space       VARCHAR(63)   NOT NULL,
    key         VARCHAR(128)  NOT NULL,
    description TEXT,
    key_id      UUID          NOT NULL,
    nonce       VARCHAR(64)   NOT NULL,
    ciphertext  TEXT          NOT NULL,
    created_by  VARCHAR(63),
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL
);

CREATE INDEX secrets_space_key ON secrets (space, key);
