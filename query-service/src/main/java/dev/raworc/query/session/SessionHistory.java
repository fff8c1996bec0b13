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

import dev.raworc.api.MetaDataKeys;
import dev.raworc.api.session.FoldedSession;
import dev.raworc.api.session.SessionFold;
import dev.raworc.api.session.SessionView;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;
import dev.raworc.query.EventWire;

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

        static SessionAsOf of(FoldedSession fold, Instant asOf) {
            SessionView view = fold.view();
            return new SessionAsOf(view.id(), view.name(), view.space(), view.state(), view.stateReason(),
                    view.createdBy(), view.parentSessionId(), view.forkedFromMessageSeq(), view.image(),
                    view.containerId(), view.metadata(), view.createdAt(), view.updatedAt(), view.lastActivityAt(),
                    view.closedAt(), fold.messageCount(), asOf);
        }
    }

    private final EventStore eventStore;
    private final Serializer eventSerializer;
    private final EventWire wire;

    SessionHistory(EventStore eventStore, @Qualifier("eventSerializer") Serializer eventSerializer, EventWire wire) {
        this.eventStore = eventStore;
        this.eventSerializer = eventSerializer;
        this.wire = wire;
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
            items.add(new HistoryItem(event.getSequenceNumber() + 1, EventWire.typeName(stored.getType().getName()),
                    event.getTimestamp().truncatedTo(ChronoUnit.MILLIS),
                    (String) event.getMetaData().get(MetaDataKeys.PRINCIPAL), wire.data(event.getPayload())));
            bytesBefore += stored.getData().length;
        }
        return Page.of(items, total, page);
    }

    /** Folds the session's events up to the instant; empty when it did not exist yet. */
    Optional<SessionAsOf> asOf(UUID sessionId, Instant asOf) {
        FoldedSession fold = FoldedSession.NONE;
        Iterator<? extends DomainEventMessage<?>> events = eventStore.readEvents(sessionId.toString(), 0L).asStream().iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            fold = SessionFold.apply(fold, event.getPayload(), event.getTimestamp(),
                    (String) event.getMetaData().get(MetaDataKeys.PRINCIPAL));
        }
        return fold.exists() ? Optional.of(SessionAsOf.of(fold, asOf)) : Optional.empty();
    }
}
