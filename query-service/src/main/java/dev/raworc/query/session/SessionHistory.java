package dev.raworc.query.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

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
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * A session's history, straight from the event store: its audit trail, and the session as it
 * was at any past instant, folded from its events (never from a snapshot).
 */
@Component
class SessionHistory {

    /** One event of the audit history; {@code data} is the event's payload as the API writes it. */
    record HistoryItem(long seq, String type, Instant occurredAt, String principal, JsonNode data) {
    }

    /** The session as it was at {@code asOf}: every field of a session, with its message count then. */
    record SessionAsOf(UUID id, String name, String space, String state, String stateReason, String createdBy,
                       UUID parentSessionId, Long forkedFromMessageSeq, String image, String containerId,
                       Map<String, Object> metadata, Instant createdAt, Instant updatedAt, Instant lastActivityAt,
                       Instant closedAt, long messageCount, Instant asOf) {
    }

    private final EventStore eventStore;
    private final Serializer eventSerializer;
    /** The API's JSON with its enums in lower case, as the views write states and roles. */
    private final JsonMapper wireJson;

    SessionHistory(EventStore eventStore, @Qualifier("eventSerializer") Serializer eventSerializer, JsonMapper json) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
        this.wireJson = json.rebuild().enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE).build();
    }

    /**
     * A page of the audit history. A session's events are numbered from 0 without gaps, so the page
     * is read from the event at its offset, and it ends early after the event that brings its stored
     * payloads to the message pages' byte budget.
     */
    Page<HistoryItem> events(UUID sessionId, PageRequest page) {
        String aggregate = sessionId.toString();
        long total = eventStore.lastSequenceNumberFor(aggregate).map(last -> last + 1).orElse(0L);
        if (page.limit() == 0 || page.offset() >= total) {
            return new Page<>(List.of(), total, page);
        }
        List<HistoryItem> items = new ArrayList<>();
        long bytesBefore = 0;
        DomainEventStream events = eventStore.readEvents(aggregate, page.offset());
        // the page's end is checked first: asking the stream for more may read its next batch
        while (items.size() < page.limit() && bytesBefore < MessageViews.CONTENT_BYTES_PER_PAGE && events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            SerializedObject<byte[]> stored = event.serializePayload(eventSerializer, byte[].class);
            String type = stored.getType().getName();
            items.add(new HistoryItem(event.getSequenceNumber() + 1, type.substring(type.lastIndexOf('.') + 1),
                    event.getTimestamp().truncatedTo(ChronoUnit.MILLIS),
                    (String) event.getMetaData().get(MetaDataKeys.PRINCIPAL), wireJson.valueToTree(event.getPayload())));
            bytesBefore += stored.getData().length;
        }
        return Page.of(items, total, page);
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
}
