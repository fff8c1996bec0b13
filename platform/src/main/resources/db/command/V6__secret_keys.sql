-- Envelope encryption of secrets. Each secret value is sealed under its own data key; data keys
-- are stored here wrapped by the master key, outside the event log, so deleting a row destroys
-- every value sealed under it (crypto-shredding) while the events stay.

CREATE TABLE secret_data_keys (
    key_id     UUID         PRIMARY KEY,
    secret_id  UUID         NOT NULL,
    space      VARCHAR(63)  NOT NULL,
    wrapped    BYTEA        NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX secret_data_keys_secret ON secret_data_keys (secret_id);
CREATE INDEX secret_data_keys_space ON secret_data_keys (space);

-- A known value sealed under the master key: tells at start whether the configured master key
-- is the one that wrapped the data keys.
CREATE TABLE master_key_check (
    id     SMALLINT PRIMARY KEY CHECK (id = 1),
    sealed BYTEA    NOT NULL
);
