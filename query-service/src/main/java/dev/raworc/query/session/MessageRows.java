package dev.raworc.query.session;

import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * A transaction's new message rows, inserted in one batch (see {@link PendingRows}), with the time
 * of each session's latest message. Statements that read or delete messages must {@link
 * #writePending()} first so they see every message before them. Parameters are set by position and type: most of a rebuild's events are messages, and
 * matching named parameters and guessing their types cost a tenth of its processor time.
 */
final class MessageRows {

    /** One message as its row stores it. */
    record Row(UUID id, UUID session, long seq, String role, String content, String metadata, String createdBy,
               Timestamp createdAt) {
    }

    private static final String INSERT = """
            INSERT INTO messages (id, session_id, seq, role, content, metadata, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
            ON CONFLICT DO NOTHING""";

    /** A message handled again (or an older one) never moves the time back. */
    private static final String ACTIVITY = """
            INSERT INTO session_activity AS activity (session_id, last_message_at) VALUES (?, ?)
            ON CONFLICT (session_id) DO UPDATE
            SET last_message_at = GREATEST(activity.last_message_at, EXCLUDED.last_message_at)""";

    private final JdbcOperations jdbc;
    private final boolean immediate;
    private final List<Row> messages = new ArrayList<>();
    private final Map<UUID, Timestamp> lastMessageAt = new LinkedHashMap<>();

    MessageRows(JdbcOperations jdbc, boolean immediate) {
        this.jdbc = jdbc;
        this.immediate = immediate;
    }

    void add(Row message) {
        messages.add(message);
        lastMessageAt.merge(message.session(), message.createdAt(), (earlier, later) -> later.after(earlier) ? later : earlier);
        if (immediate) {
            writePending();
        }
    }

    void writePending() {
        if (!messages.isEmpty()) {
            jdbc.batchUpdate(INSERT, messages, messages.size(), (statement, row) -> {
                statement.setObject(1, row.id());
                statement.setObject(2, row.session());
                statement.setLong(3, row.seq());
                statement.setString(4, row.role());
                statement.setString(5, row.content());
                statement.setString(6, row.metadata());
                statement.setObject(7, row.createdBy(), Types.VARCHAR);
                statement.setTimestamp(8, row.createdAt());
            });
            messages.clear();
            jdbc.batchUpdate(ACTIVITY, lastMessageAt.entrySet(), lastMessageAt.size(), (statement, activity) -> {
                statement.setObject(1, activity.getKey());
                statement.setTimestamp(2, activity.getValue());
            });
            lastMessageAt.clear();
        }
    }
}
