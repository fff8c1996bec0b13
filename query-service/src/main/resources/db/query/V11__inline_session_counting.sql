-- The counting trigger fires for every session insert and state change; calling a SQL function
-- from it planned that function's statement anew at each call. PL/pgSQL keeps the plans of its
-- own statements for the connection, so the trigger writes the counts itself.

CREATE OR REPLACE FUNCTION count_sessions() RETURNS TRIGGER AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
        INSERT INTO session_counts AS counts (space, state, sessions) VALUES (OLD.space, OLD.state, -1)
        ON CONFLICT (space, state) DO UPDATE SET sessions = counts.sessions + EXCLUDED.sessions;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
        INSERT INTO session_counts AS counts (space, state, sessions) VALUES (NEW.space, NEW.state, 1)
        ON CONFLICT (space, state) DO UPDATE SET sessions = counts.sessions + EXCLUDED.sessions;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP FUNCTION count_session(VARCHAR, VARCHAR, INTEGER);
