-- Sessions join service accounts, roles, role bindings, spaces and secrets in one processing group,
-- "catalog", instead of "sessions" and "directory" (see CatalogProcessing): one processor fewer reading
-- the whole event stream. The new group starts at the beginning of the event stream, so its read models
-- start empty: they are rebuilt from the events.

DELETE FROM token_entry WHERE processor_name IN ('sessions', 'directory');
TRUNCATE sessions, session_counts, service_accounts, roles, role_bindings, spaces, secrets;
