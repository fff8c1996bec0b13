package dev.raworc.query.session;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcOperations;

import dev.raworc.api.session.SessionField;
import dev.raworc.api.session.SessionFold;
import dev.raworc.api.session.SessionState;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlTime;

/**
 * A transaction's writes to {@code sessions} (see {@link PendingRows}): new rows with every change
 * their later events made, then per existing session the latest value of every column its events
 * set, as one update. A session created, started, talked to and closed within one replay batch
 * costs one insert, and its state counts (kept by triggers) move once. Each column takes the value
 * of the last event that set it, exactly as applying the events one by one would leave it, because
 * every change sets plain values and nothing in the projection's transaction reads these rows; a
 * handler that comes to read them must {@link #writePending()} first. Parameters are set by
 * position and type, which a rebuild does a few hundred thousand times.
 */
final class SessionRows {

    /** The columns the projection changes after a session's row exists, with their SQL values. */
    enum Column {
        NAME("name", Types.VARCHAR, SessionField.NAME),
        METADATA("metadata", Types.VARCHAR, SessionField.METADATA),
        STATE("state", Types.VARCHAR, SessionField.STATE),
        STATE_REASON("state_reason", Types.VARCHAR, SessionField.STATE_REASON),
        CONTAINER_ID("container_id", Types.VARCHAR, SessionField.CONTAINER_ID),
        CLOSED_AT("closed_at", Types.TIMESTAMP, SessionField.CLOSED_AT),
        DELETED_AT("deleted_at", Types.TIMESTAMP, SessionField.DELETED_AT),
        UPDATED_AT("updated_at", Types.TIMESTAMP, SessionField.UPDATED_AT);

        final String name;
        private final int sqlType;
        private final SessionField field;

        Column(String name, int sqlType, SessionField field) {
            this.name = name;
            this.sqlType = sqlType;
            this.field = field;
        }

        /** The columns an event's changes ({@link SessionFold}) set, with their SQL values. */
        static Map<Column, Object> of(Map<SessionField, Object> changes) {
            Map<Column, Object> values = new EnumMap<>(Column.class);
            for (Column column : values()) {
                if (changes.containsKey(column.field)) {
                    values.put(column, sqlValue(changes.get(column.field)));
                }
            }
            return values;
        }

        private static Object sqlValue(Object value) {
            if (value instanceof SessionState state) {
                return state.wireName();
            }
            if (value instanceof Map<?, ?> json) {
                return JsonColumns.write(json);
            }
            return value instanceof Instant instant ? SqlTime.of(instant) : value;
        }

        private String parameter() {
            return this == METADATA ? "CAST(? AS jsonb)" : "?";
        }

        private void set(PreparedStatement statement, int position, Object value) throws SQLException {
            statement.setObject(position, value, sqlType);
        }
    }

    /** What only a session's creation sets. */
    record Creation(UUID id, String space, String createdBy, UUID parentSessionId, Long forkedFromMessageSeq,
                    String image, Timestamp createdAt) {

        /** From the changes of a session's first event. */
        static Creation of(Map<SessionField, Object> changes) {
            return new Creation((UUID) changes.get(SessionField.ID), (String) changes.get(SessionField.SPACE),
                    (String) changes.get(SessionField.CREATED_BY), (UUID) changes.get(SessionField.PARENT_SESSION_ID),
                    (Long) changes.get(SessionField.FORKED_FROM_MESSAGE_SEQ), (String) changes.get(SessionField.IMAGE),
                    SqlTime.of((Instant) changes.get(SessionField.CREATED_AT)));
        }

        private static final String COLUMNS =
                "id, space, created_by, parent_session_id, forked_from_message_seq, image, created_at";
        private static final int COUNT = 7;

        private void set(PreparedStatement statement) throws SQLException {
            statement.setObject(1, id);
            statement.setString(2, space);
            statement.setObject(3, createdBy, Types.VARCHAR);
            statement.setObject(4, parentSessionId, Types.OTHER);
            statement.setObject(5, forkedFromMessageSeq, Types.BIGINT);
            statement.setString(6, image);
            statement.setTimestamp(7, createdAt);
        }
    }

    private static final String INSERT = "INSERT INTO sessions (" + Creation.COLUMNS + ", "
            + Arrays.stream(Column.values()).map(column -> column.name).collect(Collectors.joining(", "))
            + ") VALUES (" + "?, ".repeat(Creation.COUNT)
            + Arrays.stream(Column.values()).map(Column::parameter).collect(Collectors.joining(", "))
            + ") ON CONFLICT (id) DO NOTHING";

    /** A new row: its creation, its first values, and what this transaction's later events changed. */
    private record NewRow(Creation creation, Map<Column, Object> initial, Map<Column, Object> changed) {

        void set(PreparedStatement statement) throws SQLException {
            creation.set(statement);
            int position = Creation.COUNT;
            for (Column column : Column.values()) {
                column.set(statement, ++position, changed.containsKey(column) ? changed.get(column) : initial.get(column));
            }
        }
    }

    private final JdbcOperations jdbc;
    private final boolean immediate;
    private final Map<UUID, NewRow> inserts = new LinkedHashMap<>();
    private final Map<UUID, Map<Column, Object>> changes = new LinkedHashMap<>();

    SessionRows(JdbcOperations jdbc, boolean immediate) {
        this.jdbc = jdbc;
        this.immediate = immediate;
    }

    /** A new row (the columns not given start NULL); a row that exists already stays as it is. */
    void insert(Creation creation, Map<Column, Object> initial) {
        inserts.putIfAbsent(creation.id(), new NewRow(creation, initial, new EnumMap<>(Column.class)));
        if (immediate) {
            writePending();
        }
    }

    /** Sets columns of one session's row (null values included); a later change of a column wins. */
    void set(UUID id, Consumer<Map<Column, Object>> values) {
        NewRow inserted = inserts.get(id);
        values.accept(inserted != null ? inserted.changed() : changes.computeIfAbsent(id, session -> new EnumMap<>(Column.class)));
        if (immediate) {
            writePending();
        }
    }

    /** Inserts first: a change always follows its session's creation. */
    void writePending() {
        if (!inserts.isEmpty()) {
            List<NewRow> rows = List.copyOf(inserts.values());
            inserts.clear();
            int[][] inserted = jdbc.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> row.set(statement));
            for (int i = 0; i < rows.size(); i++) {
                if (inserted[0][i] != 1 && !rows.get(i).changed().isEmpty()) {
                    // The row was there already (its events handled again): their changes still apply.
                    changes.computeIfAbsent(rows.get(i).creation().id(), id -> new EnumMap<>(Column.class))
                            .putAll(rows.get(i).changed());
                }
            }
        }
        Map<Set<Column>, List<Map.Entry<UUID, Map<Column, Object>>>> bySetColumns = new LinkedHashMap<>();
        changes.entrySet().forEach(change -> bySetColumns
                .computeIfAbsent(EnumSet.copyOf(change.getValue().keySet()), columns -> new ArrayList<>()).add(change));
        bySetColumns.forEach((columns, rows) -> jdbc.batchUpdate(update(columns), rows, rows.size(), (statement, row) -> {
            int position = 0;
            for (Column column : columns) {
                column.set(statement, ++position, row.getValue().get(column));
            }
            statement.setObject(++position, row.getKey());
        }));
        changes.clear();
    }

    private static String update(Set<Column> columns) {
        return columns.stream().map(column -> column.name + " = " + column.parameter())
                .collect(Collectors.joining(", ", "UPDATE sessions SET ", " WHERE id = ?"));
    }
}
