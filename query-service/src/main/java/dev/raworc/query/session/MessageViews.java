package dev.raworc.query.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.MessageView;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** Reads the {@code messages} read model: the conversation in the session's current view. */
@Component
class MessageViews {

    /**
     * A page of messages holds up to this much content (and at least one message): a thousand
     * messages of 1 MiB would not fit the heap.
     */
    static final long CONTENT_BYTES_PER_PAGE = 8L << 20;

    private final JdbcClient jdbc;

    MessageViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first; {@code afterSeq} and {@code role} filter when not {@code null}. */
    Page<MessageView> list(UUID sessionId, Long afterSeq, String role, PageRequest page) {
        return SqlQuery.from("messages").whereEquals("session_id", sessionId).whereGreater("seq", afterSeq)
                .whereEquals("role", role).bytesPerPage("content", CONTENT_BYTES_PER_PAGE)
                .page(jdbc, "seq", page, MessageViews::map);
    }

    long count(UUID sessionId, String role) {
        return SqlQuery.from("messages").whereEquals("session_id", sessionId).whereEquals("role", role)
                .page(jdbc, "seq", new PageRequest(0, 0), MessageViews::map).total();
    }

    private static MessageView map(ResultSet rs, int row) throws SQLException {
        return new MessageView(rs.getObject("id", UUID.class), rs.getObject("session_id", UUID.class), rs.getLong("seq"),
                rs.getString("role"), rs.getString("content"),
                JsonColumns.read(rs.getString("metadata"), SessionViews.OBJECT), rs.getString("created_by"),
                SqlTime.toInstant(rs.getTimestamp("created_at")));
    }
}
