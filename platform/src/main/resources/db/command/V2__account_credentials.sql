-- Password hashes and token validity, kept outside the event log: no event carries password
-- material. Written by the service-account command handlers in the event's own transaction.
-- The unique user name is how concurrent creates of one name are told apart: one wins.

CREATE TABLE account_credentials (
    account_id    UUID         PRIMARY KEY,
    user_name     VARCHAR(63)  NOT NULL UNIQUE,
    password_hash VARCHAR(512) NOT NULL,
    active        BOOLEAN      NOT NULL,
    -- grows whenever tokens issued before must stop working (new password, say)
    generation    BIGINT       NOT NULL
);
