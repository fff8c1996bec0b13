package dev.raworc.query.session;

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

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * A transaction's writes to {@code sessions} (see {@link PendingRows}): new rows with every change
 * their later events made, then per existing session the latest value of every column its events
 * set, as one update. A session created, started, talked to and closed within one replay batch
 * costs one insert, and its state counts (kept by triggers) move once. Each column takes the value
 * of the last event that set it, exactly as applying the events one by one would leave it, because
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

        final String name;
        private final String value;

        Column(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }

    /** The columns only a session's creation sets; each is also the name of its parameter. */
    private static final List<String> CREATION = List.of(
            "id", "space", "created_by", "parent_session_id", "forked_from_message_seq", "image", "created_at");

    private static final String INSERT = "INSERT INTO sessions ("
            + String.join(", ", CREATION) + ", "
            + Arrays.stream(Column.values()).map(column -> column.name).collect(Collectors.joining(", "))
            + ") VALUES (" + CREATION.stream().map(name -> ":" + name).collect(Collectors.joining(", ")) + ", "
            + Arrays.stream(Column.values()).map(column -> column.value).collect(Collectors.joining(", "))
            + ") ON CONFLICT (id) DO NOTHING";

    /** A new row: what its creation set, and what this transaction's later events changed. */
    private record NewRow(UUID id, Map<String, Object> created, Map<Column, Object> changed) {

        SqlParameterSource parameters() {
            MapSqlParameterSource row = new MapSqlParameterSource(created);
            for (Column column : Column.values()) {
                row.addValue(column.name, changed.containsKey(column) ? changed.get(column) : created.get(column.name));
            }
            return row;
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean immediate;
    private final Map<UUID, NewRow> inserts = new LinkedHashMap<>();
    private final Map<UUID, Map<Column, Object>> changes = new LinkedHashMap<>();

    SessionRows(NamedParameterJdbcTemplate jdbc, boolean immediate) {
        this.jdbc = jdbc;
        this.immediate = immediate;
    }

    /**
     * A new row from the values of {@link #CREATION} and of any {@link Column} (by their names; the
     * columns not given start NULL); a row that exists already stays as it is.
     */
    void insert(Map<String, Object> created) {
        UUID id = (UUID) created.get("id");
        inserts.putIfAbsent(id, new NewRow(id, created, new EnumMap<>(Column.class)));
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
            int[] inserted = jdbc.batchUpdate(INSERT, rows.stream().map(NewRow::parameters).toArray(SqlParameterSource[]::new));
            for (int i = 0; i < rows.size(); i++) {
                if (inserted[i] != 1 && !rows.get(i).changed().isEmpty()) {
                    // The row was there already (its events handled again): their changes still apply.
                    changes.computeIfAbsent(rows.get(i).id(), id -> new EnumMap<>(Column.class)).putAll(rows.get(i).changed());
                }
            }
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
        return columns.stream().map(column -> column.name + " = " + column.value)
                .collect(Collectors.joining(", ", "UPDATE sessions SET ", " WHERE id = :id"));
    }
}
