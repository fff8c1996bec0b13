-- Read models of service accounts, roles and role bindings, written only by their projections
-- and rebuildable from the event log.

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
CREATE INDEX service_accounts_order ON service_accounts (created_at, id);

CREATE TABLE roles (
    id          UUID         PRIMARY KEY,
    name        VARCHAR(63)  NOT NULL,
    description TEXT,
    rules       JSONB        NOT NULL,
    built_in    BOOLEAN      NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX roles_name ON roles (name);

-- Role and principal are kept by id as well as name: a binding never passes to a later role or
-- account that reuses a deleted one's name. The permission evaluator reads this table.
CREATE TABLE role_bindings (
    id             UUID         PRIMARY KEY,
    role_id        UUID         NOT NULL,
    role_name      VARCHAR(63)  NOT NULL,
    principal_id   UUID         NOT NULL,
    principal      VARCHAR(63)  NOT NULL,
    principal_type VARCHAR(32)  NOT NULL,
    space          VARCHAR(63),
    created_at     TIMESTAMPTZ  NOT NULL
);

CREATE INDEX role_bindings_principal_id ON role_bindings (principal_id);
CREATE INDEX role_bindings_principal ON role_bindings (principal);
CREATE INDEX role_bindings_role_id ON role_bindings (role_id);
