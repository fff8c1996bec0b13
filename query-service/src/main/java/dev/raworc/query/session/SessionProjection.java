package dev.raworc.query.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.RowUpdate;
import dev.raworc.platform.storage.SqlTime;

/**
 * Keeps {@code sessions} and {@code messages} in step with the session events, in one processing
 * group so a remix sees its parent's messages already projected. Idempotent per event; waiters
 * for new messages are woken once the projection's transaction commits.
 */
@Component
@ProcessingGroup(SessionProjection.PROCESSING_GROUP)
class SessionProjection {

    static final String PROCESSING_GROUP = "sessions";

    private final NamedParameterJdbcTemplate template;
    private final JdbcClient jdbc;
    private final MessageWaiters waiters;

    SessionProjection(NamedParameterJdbcTemplate template, MessageWaiters waiters) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.waiters = waiters;
    }

    @EventHandler
    void on(SessionCreatedEvent event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        insert(event.sessionId(), event.name(), event.space(), event.image(), JsonColumns.write(event.metadata()),
                null, null, principal, at);
    }

    @EventHandler
    void on(SessionForkedEvent event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        insert(event.sessionId(), event.name(), event.space(), event.image(), JsonColumns.write(event.metadata()),
                event.parentSessionId(), event.upToMessageSeq(), principal, at);
        if (event.copyMessages()) {
            MessageRows.of(template).writePending();
            // the parent's visible messages up to the fork become the start of the child's conversation
            jdbc.sql("""
                    INSERT INTO messages (id, session_id, seq, role, content, metadata, created_by, created_at)
                    SELECT md5(:child || m.id::text)::uuid, :child, m.seq, m.role, m.content, m.metadata, m.created_by, m.created_at
                    FROM messages m WHERE m.session_id = :parent AND m.seq <= :upTo
                    ON CONFLICT DO NOTHING""")
                    .param("child", event.sessionId()).param("parent", event.parentSessionId())
                    .param("upTo", event.upToMessageSeq())
                    .update();
        }
    }

    @EventHandler
    void on(SessionRenamedEvent event, @Timestamp Instant at) {
        RowUpdate.set(jdbc, "sessions", event.sessionId(), "name = :value", event.name(), at);
    }

    @EventHandler
    void on(SessionMetadataChangedEvent event, @Timestamp Instant at) {
        RowUpdate.set(jdbc, "sessions", event.sessionId(), "metadata = CAST(:value AS jsonb)",
                JsonColumns.write(event.metadata()), at);
    }

    @EventHandler
    void on(SessionStateChangedEvent event, @Timestamp Instant at) {
        state(event.sessionId(), event.to(), event.reason(), at);
        if (event.to() == SessionState.CLOSED) {
            RowUpdate.set(jdbc, "sessions", event.sessionId(), "closed_at = :value", SqlTime.of(at), at);
        }
    }

    @EventHandler
    void on(SessionReadyEvent event, @Timestamp Instant at) {
        state(event.sessionId(), SessionState.IDLE, null, at);
        RowUpdate.set(jdbc, "sessions", event.sessionId(), "container_id = :value", event.containerId(), at);
    }

    @EventHandler
    void on(SessionClosedEvent event, @Timestamp Instant at) {
        state(event.sessionId(), SessionState.CLOSED, null, at);
        RowUpdate.set(jdbc, "sessions", event.sessionId(), "closed_at = :value", SqlTime.of(at), at);
    }

    @EventHandler
    void on(SessionRestoredEvent event, @Timestamp Instant at) {
        state(event.sessionId(), SessionState.INIT, null, at);
    }

    @EventHandler
    void on(MessagePostedEvent event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        MessageRows.of(template).add(new MapSqlParameterSource()
                .addValue("id", event.messageId()).addValue("session", event.sessionId()).addValue("seq", event.seq())
                .addValue("role", event.role().wireName()).addValue("content", event.content())
                .addValue("metadata", JsonColumns.write(event.metadata())).addValue("by", principal)
                .addValue("at", SqlTime.of(at)), event.sessionId(), SqlTime.of(at));
        waiters.wakeAfterCommit(event.sessionId());
    }

    @EventHandler
    void on(MessagesClearedEvent event) {
        MessageRows.of(template).writePending();
        jdbc.sql("DELETE FROM messages WHERE session_id = :id AND seq <= :upTo")
                .param("id", event.sessionId()).param("upTo", event.upToSeq()).update();
    }

    @EventHandler
    void on(SessionDeletedEvent event, @Timestamp Instant at) {
        MessageRows.of(template).writePending();
        RowUpdate.set(jdbc, "sessions", event.sessionId(), "deleted_at = :value", SqlTime.of(at), at);
        jdbc.sql("DELETE FROM messages WHERE session_id = :id").param("id", event.sessionId()).update();
    }

    @ResetHandler
    void reset() {
        // TRUNCATE fires no row triggers: the counts go with the rows at once
        jdbc.sql("TRUNCATE messages, sessions, session_counts").update();
    }

    private void insert(UUID id, String name, String space, String image, String metadata, UUID parent, Long forkedAt,
                        String principal, Instant at) {
        jdbc.sql("""
                INSERT INTO sessions (id, name, space, state, created_by, parent_session_id, forked_from_message_seq,
                                      image, metadata, created_at, updated_at, last_activity_at)
                VALUES (:id, :name, :space, :state, :by, :parent, :forkedAt, :image, CAST(:metadata AS jsonb), :at, :at, :at)
                ON CONFLICT (id) DO NOTHING""")
                .param("id", id).param("name", name).param("space", space)
                .param("state", SessionState.INIT.wireName()).param("by", principal).param("parent", parent)
                .param("forkedAt", forkedAt).param("image", image).param("metadata", metadata)
                .param("at", SqlTime.of(at))
                .update();
    }

    /** A session that is not live has no container: the runner removes it. */
    private void state(UUID id, SessionState state, String reason, Instant at) {
        jdbc.sql("""
                UPDATE sessions SET state = :state, state_reason = :reason, updated_at = :at,
                    container_id = CASE WHEN :live THEN container_id END
                WHERE id = :id""")
                .param("live", state == SessionState.IDLE || state == SessionState.BUSY)
                .param("id", id).param("state", state.wireName()).param("reason", reason).param("at", SqlTime.of(at))
                .update();
    }
}
