package dev.raworc.query.session;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * A transaction's writes to {@code sessions} (see {@link PendingRows}): new rows, then per session
 * the latest value of every column its events set, as one update. A session created, started,
 * talked to and closed within one replay batch costs one insert and one update instead of a round
 * trip per event, and its state counts (kept by triggers) move once. Each column takes the value of
 * the last event that set it, exactly as applying the events one by one would leave it, because
 * every change sets plain values and nothing in the projection's transaction reads these rows; a
 * handler that comes to read them must {@link #writePending()} first.
 */
final class SessionRows {

    /** The columns the projection changes after a session's row exists, with their SQL values. */
    enum Column {
        NAME("name", ":name"),
        METADATA("metadata", "CAST(:metadata AS jsonb)"),
        STATE("state", ":state"),
        STATE_REASON("state_reason", ":state_reason"),
        CONTAINER_ID("container_id", ":container_id"),
        LAST_ACTIVITY_AT("last_activity_at", ":last_activity_at"),
        CLOSED_AT("closed_at", ":closed_at"),
        DELETED_AT("deleted_at", ":deleted_at"),
        UPDATED_AT("updated_at", ":updated_at");

        private final String name;
        private final String assignment;

        Column(String name, String value) {
            this.name = name;
            this.assignment = name + " = " + value;
        }
    }

    private static final String INSERT = """
            INSERT INTO sessions (id, name, space, state, created_by, parent_session_id, forked_from_message_seq,
                                  image, metadata, created_at, updated_at, last_activity_at)
            VALUES (:id, :name, :space, :state, :by, :parent, :forkedAt, :image, CAST(:metadata AS jsonb), :at, :at, :at)
            ON CONFLICT (id) DO NOTHING""";

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean immediate;
    private final List<SqlParameterSource> inserts = new ArrayList<>();
    private final Map<UUID, Map<Column, Object>> changes = new LinkedHashMap<>();

    SessionRows(NamedParameterJdbcTemplate jdbc, boolean immediate) {
        this.jdbc = jdbc;
        this.immediate = immediate;
    }

    /** A new row from the parameters of {@link #INSERT}; a row that exists already stays as it is. */
    void insert(MapSqlParameterSource row) {
        inserts.add(row);
        if (immediate) {
            writePending();
        }
    }

    /** Sets columns of one session's row (null values included); a later change of a column wins. */
    void set(UUID id, Consumer<Map<Column, Object>> values) {
        values.accept(changes.computeIfAbsent(id, session -> new EnumMap<>(Column.class)));
        if (immediate) {
            writePending();
        }
    }

    /** Inserts first: a change always follows its session's creation. */
    void writePending() {
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate(INSERT, inserts.toArray(SqlParameterSource[]::new));
            inserts.clear();
        }
        Map<Set<Column>, List<SqlParameterSource>> bySetColumns = new LinkedHashMap<>();
        changes.forEach((id, values) -> {
            MapSqlParameterSource row = new MapSqlParameterSource("id", id);
            values.forEach((column, value) -> row.addValue(column.name, value));
            bySetColumns.computeIfAbsent(EnumSet.copyOf(values.keySet()), columns -> new ArrayList<>()).add(row);
        });
        changes.clear();
        bySetColumns.forEach((columns, rows) -> jdbc.batchUpdate(update(columns), rows.toArray(SqlParameterSource[]::new)));
    }

    private static String update(Set<Column> columns) {
        return columns.stream().map(column -> column.assignment)
                .collect(Collectors.joining(", ", "UPDATE sessions SET ", " WHERE id = :id"));
    }
}
