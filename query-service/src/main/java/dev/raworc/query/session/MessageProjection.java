package dev.raworc.query.session;

import java.time.Instant;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.platform.axon.ReadModelGroups;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlTime;

/**
 * Keeps {@code messages} and each session's last activity ({@code session_activity}) in step with
 * the session events, in a processing group of its own so that it runs beside the catalog's
 * ({@link dev.raworc.query.CatalogProcessing}); a remix's copy of its parent's messages is made here, after every message before
 * it. Idempotent per event; waiters for new messages, in every query process, are woken once its
 * transaction commits.
 */
@Component
@ProcessingGroup(MessageProjection.PROCESSING_GROUP)
class MessageProjection {

    static final String PROCESSING_GROUP = ReadModelGroups.MESSAGES;

    private final NamedParameterJdbcTemplate template;
    private final JdbcClient jdbc;
    private final MessageNotifications notifications;

    MessageProjection(NamedParameterJdbcTemplate template, MessageNotifications notifications) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.notifications = notifications;
    }

    @EventHandler
    void on(MessagePostedEvent event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        PendingRows.of(template).messages().add(new MessageRows.Row(event.messageId(), event.sessionId(), event.seq(),
                event.role().wireName(), event.content(), JsonColumns.write(event.metadata()), principal, SqlTime.of(at)));
        notifications.announce(event.sessionId());
    }

    @EventHandler
    void on(SessionForkedEvent event) {
        if (event.copyMessages()) {
            PendingRows.of(template).messages().writePending();
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
    void on(MessagesClearedEvent event) {
        PendingRows.of(template).messages().writePending();
        jdbc.sql("DELETE FROM messages WHERE session_id = :id AND seq <= :upTo")
                .param("id", event.sessionId()).param("upTo", event.upToSeq()).update();
    }

    @EventHandler
    void on(SessionDeletedEvent event) {
        PendingRows.of(template).messages().writePending();
        jdbc.sql("DELETE FROM messages WHERE session_id = :id").param("id", event.sessionId()).update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("TRUNCATE messages, session_activity").update();
    }
}
