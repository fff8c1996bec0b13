package dev.raworc.runner.session;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionPlacedEvent;

/**
 * A session as its events record it, read from the event store (never from the query side): how it
 * began, where it is placed, which tasks no agent reply answers, its newest checkpoint and the
 * client writes to its files that no checkpoint holds yet. The stream is read from its first
 * event, not from a snapshot, which belongs to the command side.
 */
record RecordedSession(UUID id, String space, String image, SessionForkedEvent fork, String runner,
                       List<MessagePostedEvent> unanswered, CheckpointRecordedEvent checkpoint, List<Object> unappliedWrites) {

    /** The number of a client's write (an upload or a delete). */
    static long writeNo(Object write) {
        return write instanceof FilesWrittenEvent written ? written.writeNo() : ((FileDeletedEvent) write).writeNo();
    }

    /**
     * The session's events folded so far; {@link #catchUp} folds those stored since and answers the
     * session as they record it. Only what the answer needs is kept: the tasks not answered yet and
     * the writes not applied yet.
     */
    static final class Fold {

        private final UUID id;
        private long nextSequence;
        private String space;
        private String image;
        private SessionForkedEvent fork;
        private String runner;
        private long answered;
        private final List<MessagePostedEvent> tasks = new ArrayList<>();
        private CheckpointRecordedEvent checkpoint;
        private final List<Object> writes = new ArrayList<>();

        Fold(UUID id) {
            this.id = id;
        }

        synchronized RecordedSession catchUp(EventStore events) {
            DomainEventStream stream = events.readEvents(id.toString(), nextSequence);
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                nextSequence = event.getSequenceNumber() + 1;
                fold(event.getPayload());
            }
            long applied = checkpoint == null ? 0 : checkpoint.writesApplied();
            return new RecordedSession(id, space, image, fork, runner,
                    tasks.stream().filter(task -> task.seq() > answered).toList(), checkpoint,
                    writes.stream().filter(write -> writeNo(write) > applied).toList());
        }

        private void fold(Object payload) {
            if (payload instanceof SessionCreatedEvent created) {
                space = created.space();
                image = created.image();
            } else if (payload instanceof SessionForkedEvent forked) {
                space = forked.space();
                image = forked.image();
                fork = forked;
            } else if (payload instanceof SessionPlacedEvent placed) {
                runner = placed.runner();
            } else if (payload instanceof MessagePostedEvent message && message.role() == MessageRole.USER) {
                tasks.add(message);
            } else if (payload instanceof MessagePostedEvent message && message.role() == MessageRole.AGENT
                    && message.metadata() != null && message.metadata().get("in_reply_to") instanceof Number seq) {
                answered = Math.max(answered, seq.longValue());
                tasks.removeIf(task -> task.seq() <= answered);
            } else if (payload instanceof CheckpointRecordedEvent recorded) {
                checkpoint = recorded;
                writes.removeIf(write -> writeNo(write) <= recorded.writesApplied()); // it holds every write up to its count
            } else if (payload instanceof FilesWrittenEvent || payload instanceof FileDeletedEvent) {
                writes.add(payload);
            }
        }
    }
}
