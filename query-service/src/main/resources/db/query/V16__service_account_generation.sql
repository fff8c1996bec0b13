-- The query side's count of the changes that void an account's tokens (password change,
-- activation, deactivation), kept by ServiceAccountProjection, so a process serving only reads
-- checks tokens without the command side's account_credentials. Existing installs hold both in
-- one database: take the count from there once; later events keep both in step.

ALTER TABLE service_accounts ADD COLUMN generation BIGINT NOT NULL DEFAULT 0;

DO $$
BEGIN
    IF to_regclass('account_credentials') IS NOT NULL THEN
        UPDATE service_accounts s SET generation = c.generation
        FROM account_credentials c WHERE c.account_id = s.id;
    END IF;
END $$;
