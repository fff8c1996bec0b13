package dev.raworc.query.session;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * A transaction's new message rows, inserted in one batch (see {@link PendingRows}). Statements
 * that read or delete messages must {@link #writePending()} first so they see every message before
 * them.
 */
final class MessageRows {

    private static final String INSERT = """
            INSERT INTO messages (id, session_id, seq, role, content, metadata, created_by, created_at)
            VALUES (:id, :session, :seq, :role, :content, CAST(:metadata AS jsonb), :by, :at)
            ON CONFLICT DO NOTHING""";

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean immediate;
    private final List<SqlParameterSource> messages = new ArrayList<>();

    MessageRows(NamedParameterJdbcTemplate jdbc, boolean immediate) {
        this.jdbc = jdbc;
        this.immediate = immediate;
    }

    void add(MapSqlParameterSource message) {
        messages.add(message);
        if (immediate) {
            writePending();
        }
    }

    void writePending() {
        if (!messages.isEmpty()) {
            jdbc.batchUpdate(INSERT, messages.toArray(SqlParameterSource[]::new));
            messages.clear();
        }
    }
}
