-- Read models of service accounts and role bindings, written only by their projections and
-- rebuildable from the event log.

CREATE TABLE service_accounts (
    id            UUID         PRIMARY KEY,
    user_name     VARCHAR(63)  NOT NULL,
    description   TEXT,
    active        BOOLEAN      NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    last_login_at TIMESTAMPTZ
);

CREATE INDEX service_accounts_user_name ON service_accounts (user_name);

CREATE TABLE role_bindings (
    id             UUID         PRIMARY KEY,
    role_name      VARCHAR(63)  NOT NULL,
    principal      VARCHAR(63)  NOT NULL,
    principal_type VARCHAR(32)  NOT NULL,
    space          VARCHAR(63),
    created_at     TIMESTAMPTZ  NOT NULL
);

CREATE INDEX role_bindings_principal ON role_bindings (principal);
