package dev.raworc.query.webhook;

import java.util.Optional;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionForkedEvent;

/**
 * The space of each session, for matching webhooks of a space: from the session's first event,
 * which the outbox sees for every session created since it started, or else reads from the log
 * (a session older than the webhooks). Sessions never change space.
 */
@Component
class SessionSpaces {

    private final JdbcClient jdbc;
    private final EventStore events;

    SessionSpaces(JdbcClient jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    String of(UUID sessionId, Object payload) {
        Optional<String> first = spaceIn(payload);
        if (first.isPresent()) {
            return remember(sessionId, first.get());
        }
        return jdbc.sql("SELECT space FROM webhook_session_spaces WHERE session_id = :id").param("id", sessionId)
                .query(String.class).optional()
                .orElseGet(() -> remember(sessionId, fromTheLog(sessionId)));
    }

    private String fromTheLog(UUID sessionId) {
        return events.readEvents(sessionId.toString(), 0L).asStream().findFirst()
                .map(DomainEventMessage::getPayload).flatMap(SessionSpaces::spaceIn)
                .orElseThrow(() -> new IllegalStateException("Session " + sessionId + " has no first event naming its space"));
    }

    private String remember(UUID sessionId, String space) {
        jdbc.sql("INSERT INTO webhook_session_spaces (session_id, space) VALUES (:id, :space) ON CONFLICT DO NOTHING")
                .param("id", sessionId).param("space", space).update();
        return space;
    }

    private static Optional<String> spaceIn(Object payload) {
        if (payload instanceof SessionCreatedEvent created) {
            return Optional.of(created.space());
        }
        if (payload instanceof SessionForkedEvent forked) {
            return Optional.of(forked.space());
        }
        return Optional.empty();
    }
}
