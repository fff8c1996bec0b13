package dev.raworc.query.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import dev.raworc.api.SortedKeys;
import dev.raworc.api.session.FindSessionQuery;
import dev.raworc.api.session.SessionView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the {@code sessions} read model; deleted sessions are not shown. */
@Component
class SessionViews {

    static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** Filters of the session list; {@code null} leaves one out. */
    record Filter(String state, String space, String createdBy, UUID parentSessionId, String name) {
    }

    /** Sessions with the time of their last message, kept by {@link MessageProjection}. */
    private static final String WITH_ACTIVITY = "sessions LEFT JOIN session_activity ON session_id = id";

    private final JdbcClient jdbc;

    SessionViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    Optional<SessionView> handle(FindSessionQuery query) {
        return jdbc.sql("SELECT * FROM " + WITH_ACTIVITY + " WHERE id = :id AND deleted_at IS NULL").param("id", query.sessionId())
                .query(SessionViews::map).optional();
    }

    Page<SessionView> list(Filter filter, ListScope scope, PageRequest page) {
        SqlQuery query = SqlQuery.from(WITH_ACTIVITY).where("deleted_at IS NULL")
                .whereEquals("state", filter.state())
                .whereEquals("space", filter.space())
                .whereEquals("created_by", filter.createdBy())
                .whereEquals("parent_session_id", filter.parentSessionId())
                .whereEquals("name", filter.name())
                .within(scope, "space", "id::text");
        if (filter.createdBy() == null && filter.parentSessionId() == null && filter.name() == null && !scope.limitsNames()) {
            query.totalFrom(() -> countedTotal(filter, scope));
        }
        return query.page(jdbc, "created_at DESC, id DESC", page, SessionViews::map);
    }

    /** The total of a list filtered by space and state only, from the counts the triggers of V9 keep. */
    private long countedTotal(Filter filter, ListScope scope) {
        ListScope.SqlCondition visible = scope.toSql("space", null);
        return jdbc.sql("SELECT coalesce(sum(sessions), 0) FROM session_counts WHERE " + visible.sql()
                        + (filter.state() == null ? "" : " AND state = :state")
                        + (filter.space() == null ? "" : " AND space = :space"))
                .params(visible.params())
                .param("state", filter.state())
                .param("space", filter.space())
                .query(Long.class).single();
    }

    /** A session's last message, or its creation when it has none. */
    private static Instant lastActivity(ResultSet rs) throws SQLException {
        Timestamp lastMessage = rs.getTimestamp("last_message_at");
        return SqlTime.toInstant(lastMessage != null ? lastMessage : rs.getTimestamp("created_at"));
    }

    static SessionView map(ResultSet rs, int row) throws SQLException {
        return new SessionView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("space"),
                rs.getString("state"), rs.getString("state_reason"), rs.getString("created_by"),
                rs.getObject("parent_session_id", UUID.class), rs.getObject("forked_from_message_seq", Long.class),
                rs.getString("image"), rs.getString("container_id"), SortedKeys.of(JsonColumns.read(rs.getString("metadata"), OBJECT)),
                SqlTime.toInstant(rs.getTimestamp("created_at")), SqlTime.toInstant(rs.getTimestamp("updated_at")),
                lastActivity(rs), SqlTime.toInstant(rs.getTimestamp("closed_at")));
    }
}
