package dev.raworc.runner.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionPlacedEvent;

class RecordedSessionsTest {

    private final UUID id = UUID.randomUUID();
    private final AtomicInteger eventsRead = new AtomicInteger();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            DomainEventStream stream = super.readEvents(aggregateIdentifier, firstSequenceNumber);
            return DomainEventStream.of(stream.asStream().peek(event -> eventsRead.incrementAndGet()));
        }
    };
    private final EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final RecordedSessions recorded = new RecordedSessions(events);
    private long sequence;

    @AfterEach
    void shutDown() {
        events.shutDown();
    }

    @Test
    void foldsWhatTheSessionsEventsRecord() {
        append(new SessionCreatedEvent(id, "s", "team", "agent:1", Map.of()), new SessionPlacedEvent(id, "runner-a"),
                task(1), reply(2, 1), task(3), new FilesWrittenEvent(id, 1, List.of()), new FileDeletedEvent(id, 2, "a.txt"),
                checkpoint(1, 1), task(4));

        RecordedSession session = recorded.read(id);

        assertThat(session.space()).isEqualTo("team");
        assertThat(session.image()).isEqualTo("agent:1");
        assertThat(session.runner()).isEqualTo("runner-a");
        assertThat(session.unanswered()).extracting(MessagePostedEvent::seq).containsExactly(3L, 4L);
        assertThat(session.checkpoint().checkpointNo()).isEqualTo(1);
        assertThat(session.unappliedWrites()).extracting(RecordedSession::writeNo).containsExactly(2L);
    }

    @Test
    void readsOnlyTheEventsStoredSinceItsLastRead() {
        append(new SessionCreatedEvent(id, "s", "team", "agent:1", Map.of()), task(1), reply(2, 1));
        recorded.read(id);
        eventsRead.set(0);

        append(task(3), new FilesWrittenEvent(id, 1, List.of()));
        RecordedSession session = recorded.read(id);

        assertThat(eventsRead).hasValue(2);
        assertThat(session.unanswered()).extracting(MessagePostedEvent::seq).containsExactly(3L);
        assertThat(session.unappliedWrites()).hasSize(1);

        append(reply(4, 3), checkpoint(1, 1));
        session = recorded.read(id);

        assertThat(session.unanswered()).isEmpty();
        assertThat(session.unappliedWrites()).isEmpty();
        assertThat(session.space()).as("what was folded before stays").isEqualTo("team");
    }

    @Test
    void answersAsAFreshReadOfTheWholeStreamWouldAfterEveryStep() {
        List<Object> history = List.of(new SessionCreatedEvent(id, "s", "team", "agent:1", Map.of()),
                new SessionPlacedEvent(id, "runner-a"), task(1), new FilesWrittenEvent(id, 1, List.of()), reply(3, 1),
                checkpoint(1, 1), task(4), new FileDeletedEvent(id, 2, "b"), task(5), reply(6, 5), checkpoint(2, 2));
        for (Object event : history) {
            append(event);
            RecordedSession incremental = recorded.read(id);
            RecordedSession fresh = new RecordedSession.Fold(id).catchUp(events);
            assertThat(incremental).as("after %s", event).isEqualTo(fresh);
        }
    }

    private void append(Object... payloads) {
        for (Object payload : payloads) {
            events.publish(new GenericDomainEventMessage<>("Session", id.toString(), sequence++, payload));
        }
    }

    private MessagePostedEvent task(long seq) {
        return new MessagePostedEvent(id, UUID.randomUUID(), seq, MessageRole.USER, "echo " + seq, Map.of());
    }

    private MessagePostedEvent reply(long seq, long inReplyTo) {
        return new MessagePostedEvent(id, UUID.randomUUID(), seq, MessageRole.AGENT, "ok", Map.of("in_reply_to", inReplyTo));
    }

    private CheckpointRecordedEvent checkpoint(long checkpointNo, long writesApplied) {
        return new CheckpointRecordedEvent(id, checkpointNo, 0, "hash", 0, 0, writesApplied);
    }
}
