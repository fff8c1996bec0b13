package dev.raworc.query.session;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionField;
import dev.raworc.api.session.SessionFold;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.query.CatalogProcessing;
import dev.raworc.query.session.SessionRows.Column;

/**
 * Keeps {@code sessions} (and, through its triggers, {@code session_counts}) in step with the
 * session events; the messages and the sessions' last activity are {@link MessageProjection}'s.
 * Idempotent per event. What each event sets is {@link SessionFold}'s, as for the aggregate. Its
 * processor is the catalog's ({@link CatalogProcessing}).
 */
@Component
@ProcessingGroup(CatalogProcessing.GROUP)
class SessionProjection {

    private final NamedParameterJdbcTemplate template;
    private final JdbcClient jdbc;

    SessionProjection(NamedParameterJdbcTemplate template) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
    }

    @EventHandler
    void on(SessionCreatedEvent event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        insert(SessionFold.changes(event, at, principal));
    }

    @EventHandler
    void on(SessionForkedEvent event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        insert(SessionFold.changes(event, at, principal));
    }

    @EventHandler
    void on(SessionRenamedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), event, at);
    }

    @EventHandler
    void on(SessionMetadataChangedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), event, at);
    }

    @EventHandler
    void on(SessionStateChangedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), event, at);
    }

    @EventHandler
    void on(SessionReadyEvent event, @Timestamp Instant at) {
        update(event.sessionId(), event, at);
    }

    @EventHandler
    void on(SessionClosedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), event, at);
    }

    @EventHandler
    void on(SessionRestoredEvent event, @Timestamp Instant at) {
        update(event.sessionId(), event, at);
    }

    @EventHandler
    void on(SessionDeletedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), event, at);
    }

    @ResetHandler
    void reset() {
        // TRUNCATE fires no row triggers: the counts go with the rows at once
        jdbc.sql("TRUNCATE sessions, session_counts").update();
    }

    private void insert(Map<SessionField, Object> changes) {
        PendingRows.of(template).sessions().insert(SessionRows.Creation.of(changes), Column.of(changes));
    }

    /** Sets the columns the event changes; its principal is of no column after the creation. */
    private void update(UUID id, Object event, Instant at) {
        Map<Column, Object> values = Column.of(SessionFold.changes(event, at, null));
        PendingRows.of(template).sessions().set(id, changed -> changed.putAll(values));
    }
}
