-- Read model of spaces, written only by its projection.

CREATE TABLE spaces (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(63)  NOT NULL,
    description TEXT,
    settings    JSONB        NOT NULL,
    active      BOOLEAN      NOT NULL,
    created_by  VARCHAR(63),
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX spaces_name ON spaces (name);
