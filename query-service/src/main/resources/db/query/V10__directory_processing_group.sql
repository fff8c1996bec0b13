-- Service accounts, roles, role bindings, spaces and secrets are projected by one processing group,
-- "directory", instead of one each (see DirectoryProcessing). The new group starts at the beginning
-- of the event stream, so its read models start empty: they are rebuilt from the events.

DELETE FROM token_entry WHERE processor_name IN ('service-accounts', 'roles', 'role-bindings', 'spaces', 'secrets');
TRUNCATE service_accounts, roles, role_bindings, spaces, secrets;
