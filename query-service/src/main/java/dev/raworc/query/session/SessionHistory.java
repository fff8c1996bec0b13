package dev.raworc.query.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.platform.storage.SqlQuery;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * A session's history, straight from the event store: its audit trail, and the session as it
 * was at any past instant, folded from its events (never from a snapshot).
 */
@Component
class SessionHistory {

    /** One event of the audit history; {@code data} is the event's payload with snake_case names. */
    record HistoryItem(long seq, String type, Instant occurredAt, String principal, JsonNode data) {
    }

    /** The session as it was at {@code asOf}: every field of a session, with its message count then. */
    record SessionAsOf(UUID id, String name, String space, String state, String stateReason, String createdBy,
                       UUID parentSessionId, Long forkedFromMessageSeq, String image, String containerId,
                       Map<String, Object> metadata, Instant createdAt, Instant updatedAt, Instant lastActivityAt,
                       Instant closedAt, long messageCount, Instant asOf) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final EventStore eventStore;

    SessionHistory(JdbcClient jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    Page<HistoryItem> events(UUID sessionId, PageRequest page) {
        return SqlQuery.from("domain_event_entry").whereEquals("aggregate_identifier", sessionId.toString())
                .bytesPerPage("payload", MessageViews.CONTENT_BYTES_PER_PAGE)
                .page(jdbc, "sequence_number", page, (rs, row) -> {
                    String type = rs.getString("payload_type");
                    JsonNode meta = JSON.readTree(rs.getBytes("meta_data"));
                    return new HistoryItem(rs.getLong("sequence_number") + 1, type.substring(type.lastIndexOf('.') + 1),
                            Instant.parse(rs.getString("time_stamp")).truncatedTo(ChronoUnit.MILLIS),
                            meta.has(MetaDataKeys.PRINCIPAL) ? meta.get(MetaDataKeys.PRINCIPAL).asString() : null,
                            snakeCase(JSON.readTree(rs.getBytes("payload"))));
                });
    }

    /** Folds the session's events up to the instant; empty when it did not exist yet. */
    Optional<SessionAsOf> asOf(UUID sessionId, Instant asOf) {
        Fold fold = new Fold();
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(sessionId.toString(), 0L).asStream().iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            fold.apply(event.getPayload(), event.getTimestamp().truncatedTo(ChronoUnit.MILLIS),
                    (String) event.getMetaData().get(MetaDataKeys.PRINCIPAL));
        }
        return fold.created == null ? Optional.empty() : Optional.of(new SessionAsOf(sessionId, fold.name, fold.space,
                fold.state.wireName(), fold.reason, fold.createdBy, fold.parent, fold.forkedAt, fold.image, fold.containerId,
                fold.metadata, fold.created, fold.updated, fold.lastActivity, fold.closed, fold.lastSeq - fold.clearedUpTo,
                asOf));
    }

    /** The state of a session as its events build it up, event by event. */
    private static final class Fold {
        String name;
        String space;
        String image;
        String reason;
        UUID parent;
        Long forkedAt;
        Map<String, Object> metadata;
        SessionState state;
        Instant created;
        Instant updated;
        Instant closed;
        Instant lastActivity;
        String createdBy;
        String containerId;
        long lastSeq;
        long clearedUpTo;

        void apply(Object event, Instant at, String principal) {
            if (!(event instanceof MessagePostedEvent || event instanceof MessagesClearedEvent)) {
                updated = at; // as the read model does: messages are activity, not changes of the session
            }
            if (event instanceof SessionCreatedEvent e) {
                begin(e.name(), e.space(), e.image(), e.metadata(), at, principal);
            } else if (event instanceof SessionForkedEvent e) {
                begin(e.name(), e.space(), e.image(), e.metadata(), at, principal);
                parent = e.parentSessionId();
                forkedAt = e.upToMessageSeq();
                lastSeq = e.copyMessages() ? e.upToMessageSeq() : 0;
            } else if (event instanceof SessionRenamedEvent e) {
                name = e.name();
            } else if (event instanceof SessionMetadataChangedEvent e) {
                metadata = e.metadata();
            } else if (event instanceof SessionStateChangedEvent e) {
                state = e.to();
                reason = e.reason();
                closed = e.to() == SessionState.CLOSED ? at : closed;
            } else if (event instanceof SessionReadyEvent e) {
                state = SessionState.IDLE;
                reason = null;
                containerId = e.containerId();
            } else if (event instanceof SessionClosedEvent) {
                state = SessionState.CLOSED;
                reason = null;
                closed = at;
            } else if (event instanceof SessionRestoredEvent) {
                state = SessionState.INIT;
                reason = null;
            } else if (event instanceof MessagePostedEvent e) {
                lastSeq = e.seq();
                lastActivity = at;
            } else if (event instanceof MessagesClearedEvent e) {
                clearedUpTo = e.upToSeq();
            }
        }

        private void begin(String name, String space, String image, Map<String, Object> metadata, Instant at,
                           String principal) {
            this.createdBy = principal;
            this.lastActivity = at;
            this.name = name;
            this.space = space;
            this.image = image;
            this.metadata = metadata;
            this.state = SessionState.INIT;
            this.created = at;
        }
    }

    /** Event fields that hold states or roles: lower case on the wire, like everywhere else. */
    private static final java.util.Set<String> ENUM_FIELDS = java.util.Set.of("role", "from", "to", "state");

    private static JsonNode snakeCase(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode renamed = JSON.createObjectNode();
            object.properties().forEach(entry -> {
                String name = entry.getKey().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
                JsonNode value = entry.getValue();
                renamed.set(name, ENUM_FIELDS.contains(name) && value.isString()
                        ? JSON.getNodeFactory().textNode(value.asString().toLowerCase(java.util.Locale.ROOT))
                        : snakeCase(value));
            });
            return renamed;
        }
        return node;
    }
}
