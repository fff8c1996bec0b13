package dev.raworc.query.session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * A transaction's new message rows, inserted in one statement (see {@link PendingRows}), with the time
 * of each session's latest message. Statements that read or delete messages must {@link
 * #writePending()} first so they see every message before them. Parameters are set by position and type: most of a rebuild's events are messages, and
 * matching named parameters and guessing their types cost a tenth of its processor time.
 */
final class MessageRows {

    /** One message as its row stores it. */
    record Row(UUID id, UUID session, long seq, String role, String content, String metadata, String createdBy,
               Timestamp createdAt) {
    }

    /** The batch's rows as one array per column: one statement for the batch, not one per row. */
    private static final String INSERT = """
            INSERT INTO messages (id, session_id, seq, role, content, metadata, created_by, created_at)
            SELECT id, session_id, seq, role, content, CAST(metadata AS jsonb), created_by, CAST(created_at AS timestamptz)
            FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::varchar[], ?::text[], ?::text[], ?::varchar[], ?::text[])
                AS m (id, session_id, seq, role, content, metadata, created_by, created_at)
            ON CONFLICT DO NOTHING""";

    /** A message handled again (or an older one) never moves the time back. */
    private static final String ACTIVITY = """
            INSERT INTO session_activity AS activity (session_id, last_message_at) VALUES (?, ?)
            ON CONFLICT (session_id) DO UPDATE
            SET last_message_at = GREATEST(activity.last_message_at, EXCLUDED.last_message_at)""";

    static final int TEXT_PER_STATEMENT = 4 * 1024 * 1024;

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
            statements().forEach(this::insert);
            messages.clear();
            jdbc.batchUpdate(ACTIVITY, lastMessageAt.entrySet(), lastMessageAt.size(), (statement, activity) -> {
                statement.setObject(1, activity.getKey());
                statement.setTimestamp(2, activity.getValue());
            });
            lastMessageAt.clear();
        }
    }

    /**
     * The rows in statements of at most {@link #TEXT_PER_STATEMENT} characters of content and
     * metadata (or one row): the driver writes each column as one text literal.
     */
    private List<List<Row>> statements() {
        List<List<Row>> statements = new ArrayList<>();
        List<Row> statement = new ArrayList<>();
        long text = 0;
        for (Row row : messages) {
            long rowText = row.content().length() + row.metadata().length();
            if (!statement.isEmpty() && text + rowText > TEXT_PER_STATEMENT) {
                statements.add(statement);
                statement = new ArrayList<>();
                text = 0;
            }
            statement.add(row);
            text += rowText;
        }
        statements.add(statement);
        return statements;
    }

    private void insert(List<Row> rows) {
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT);
            insert.setArray(1, connection.createArrayOf("uuid", column(rows, Row::id)));
            insert.setArray(2, connection.createArrayOf("uuid", column(rows, Row::session)));
            insert.setArray(3, connection.createArrayOf("bigint", column(rows, Row::seq)));
            insert.setArray(4, connection.createArrayOf("varchar", column(rows, Row::role)));
            insert.setArray(5, connection.createArrayOf("text", column(rows, Row::content)));
            insert.setArray(6, connection.createArrayOf("text", column(rows, Row::metadata)));
            insert.setArray(7, connection.createArrayOf("varchar", column(rows, Row::createdBy)));
            // as ISO instants: the driver would write timestamps in the JVM's zone
            insert.setArray(8, connection.createArrayOf("text", column(rows, row -> row.createdAt().toInstant().toString())));
            return insert;
        });
    }

    private static Object[] column(List<Row> rows, Function<Row, Object> value) {
        return rows.stream().map(value).toArray();
    }
}
