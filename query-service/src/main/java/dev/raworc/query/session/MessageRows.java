package dev.raworc.query.session;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The message rows of one projection transaction, written in two JDBC batches just before it
 * commits: a replay or a burst hands the projection up to a hundred events per transaction, and one
 * round trip per batch instead of two per message is what makes rebuilds fast. Statements that
 * read or delete messages must {@link #writePending()} first so they see every message before them.
 * Without a transaction (direct calls) each message is written at once.
 */
final class MessageRows {

    private static final String INSERT = """
            INSERT INTO messages (id, session_id, seq, role, content, metadata, created_by, created_at)
            VALUES (:id, :session, :seq, :role, :content, CAST(:metadata AS jsonb), :by, :at)
            ON CONFLICT DO NOTHING""";
    private static final String LAST_ACTIVITY = "UPDATE sessions SET last_activity_at = :at WHERE id = :id";

    private final NamedParameterJdbcTemplate jdbc;
    private final List<SqlParameterSource> messages = new ArrayList<>();
    /** Only the latest activity per session: the batch is in event order. */
    private final Map<UUID, Timestamp> lastActivity = new LinkedHashMap<>();

    private MessageRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of the current transaction, flushed before it commits. */
    static MessageRows of(NamedParameterJdbcTemplate jdbc) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new MessageRows(jdbc);
        }
        MessageRows rows = (MessageRows) TransactionSynchronizationManager.getResource(MessageRows.class);
        if (rows == null) {
            rows = new MessageRows(jdbc);
            TransactionSynchronizationManager.bindResource(MessageRows.class, rows);
            TransactionSynchronizationManager.registerSynchronization(rows.flushBeforeCommit());
        }
        return rows;
    }

    void add(MapSqlParameterSource message, UUID sessionId, Timestamp at) {
        messages.add(message);
        lastActivity.put(sessionId, at);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writePending();
        }
    }

    void writePending() {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, messages.toArray(SqlParameterSource[]::new));
        jdbc.batchUpdate(LAST_ACTIVITY, lastActivity.entrySet().stream()
                .map(session -> new MapSqlParameterSource("id", session.getKey()).addValue("at", session.getValue()))
                .toArray(SqlParameterSource[]::new));
        messages.clear();
        lastActivity.clear();
    }

    private TransactionSynchronization flushBeforeCommit() {
        return new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                writePending();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResource(MessageRows.class);
            }
        };
    }
}
