package dev.raworc.query.session;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

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
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.platform.storage.JsonColumns;
import dev.raworc.platform.storage.SqlTime;
import dev.raworc.query.CatalogProcessing;
import dev.raworc.query.session.SessionRows.Column;

/**
 * Keeps {@code sessions} (and, through its triggers, {@code session_counts}) in step with the
 * session events; the messages and the sessions' last activity are {@link MessageProjection}'s.
 * Idempotent per event. Its processor is the catalog's ({@link CatalogProcessing}).
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
        insert(event.sessionId(), event.name(), event.space(), event.image(), JsonColumns.write(event.metadata()),
                null, null, principal, at);
    }

    @EventHandler
    void on(SessionForkedEvent event, @Timestamp Instant at, @MetaDataValue(MetaDataKeys.PRINCIPAL) String principal) {
        insert(event.sessionId(), event.name(), event.space(), event.image(), JsonColumns.write(event.metadata()),
                event.parentSessionId(), event.upToMessageSeq(), principal, at);
    }

    @EventHandler
    void on(SessionRenamedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), at, values -> values.put(Column.NAME, event.name()));
    }

    @EventHandler
    void on(SessionMetadataChangedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), at, values -> values.put(Column.METADATA, JsonColumns.write(event.metadata())));
    }

    @EventHandler
    void on(SessionStateChangedEvent event, @Timestamp Instant at) {
        state(event.sessionId(), event.to(), event.reason(), at);
    }

    @EventHandler
    void on(SessionReadyEvent event, @Timestamp Instant at) {
        state(event.sessionId(), SessionState.IDLE, null, at);
        update(event.sessionId(), at, values -> values.put(Column.CONTAINER_ID, event.containerId()));
    }

    @EventHandler
    void on(SessionClosedEvent event, @Timestamp Instant at) {
        state(event.sessionId(), SessionState.CLOSED, null, at);
    }

    @EventHandler
    void on(SessionRestoredEvent event, @Timestamp Instant at) {
        state(event.sessionId(), SessionState.INIT, null, at);
    }

    @EventHandler
    void on(SessionDeletedEvent event, @Timestamp Instant at) {
        update(event.sessionId(), at, values -> values.put(Column.DELETED_AT, SqlTime.of(at)));
    }

    @ResetHandler
    void reset() {
        // TRUNCATE fires no row triggers: the counts go with the rows at once
        jdbc.sql("TRUNCATE sessions, session_counts").update();
    }

    private void insert(UUID id, String name, String space, String image, String metadata, UUID parent, Long forkedAt,
                        String principal, Instant at) {
        Map<Column, Object> initial = new EnumMap<>(Column.class);
        initial.put(Column.NAME, name);
        initial.put(Column.STATE, SessionState.INIT.wireName());
        initial.put(Column.METADATA, metadata);
        initial.put(Column.UPDATED_AT, SqlTime.of(at));
        PendingRows.of(template).sessions().insert(
                new SessionRows.Creation(id, space, principal, parent, forkedAt, image, SqlTime.of(at)), initial);
    }

    /** A session that is not live has no container (the runner removes it); a closed one records when. */
    private void state(UUID id, SessionState state, String reason, Instant at) {
        update(id, at, values -> {
            values.put(Column.STATE, state.wireName());
            values.put(Column.STATE_REASON, reason);
            if (state != SessionState.IDLE && state != SessionState.BUSY) {
                values.put(Column.CONTAINER_ID, null);
            }
            if (state == SessionState.CLOSED) {
                values.put(Column.CLOSED_AT, SqlTime.of(at));
            }
        });
    }

    /** Sets columns of a session's row and moves its {@code updated_at}. */
    private void update(UUID id, Instant at, Consumer<Map<Column, Object>> values) {
        PendingRows.of(template).sessions().set(id, changed -> {
            values.accept(changed);
            changed.put(Column.UPDATED_AT, SqlTime.of(at));
        });
    }
}
