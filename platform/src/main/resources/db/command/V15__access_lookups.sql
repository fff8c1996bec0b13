-- The command side's own copy of what permission checks need of roles and bindings, written by
-- the role and binding command handlers in the transaction that stores their events. A binding
-- counts only while its name claim (kind 'role-binding') exists: deleting its role, principal or
-- space releases that claim, so those deletes need not touch this table. Filled once from the
-- aggregates at start on existing installs (AccessLookupsBackfill).

CREATE TABLE role_rules (
    role_id UUID         PRIMARY KEY,
    name    VARCHAR(255) NOT NULL,
    rules   JSONB        NOT NULL
);

CREATE TABLE role_binding_grants (
    binding_id   UUID         PRIMARY KEY,
    role_id      UUID         NOT NULL,
    role_name    VARCHAR(255) NOT NULL,
    principal_id UUID         NOT NULL,
    space        VARCHAR(255),
    created_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX role_binding_grants_principal ON role_binding_grants (principal_id, created_at, binding_id);
