-- Unique names claimed on the command side, in the transaction that stores the creating event:
-- of two concurrent creates of one name, exactly one commits. A delete releases the name.
-- kind: 'role', 'space', 'role-binding' (name is then the binding's identity key).

CREATE TABLE name_claims (
    kind     VARCHAR(32)  NOT NULL,
    name     VARCHAR(255) NOT NULL,
    owner_id UUID         NOT NULL,
    PRIMARY KEY (kind, name)
);

CREATE INDEX name_claims_owner ON name_claims (owner_id);
