package dev.raworc.runner.session;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    static RecordedSession read(EventStore events, UUID sessionId) {
        String space = null;
        String image = null;
        SessionForkedEvent fork = null;
        String runner = null;
        List<MessagePostedEvent> tasks = new ArrayList<>();
        long answered = 0;
        CheckpointRecordedEvent checkpoint = null;
        List<Object> writes = new ArrayList<>();
        var stream = events.readEvents(sessionId.toString(), 0);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
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
            } else if (payload instanceof CheckpointRecordedEvent recorded) {
                checkpoint = recorded;
            } else if (payload instanceof FilesWrittenEvent || payload instanceof FileDeletedEvent) {
                writes.add(payload);
            }
        }
        long lastAnswered = answered;
        long applied = checkpoint == null ? 0 : checkpoint.writesApplied();
        return new RecordedSession(sessionId, space, image, fork, runner,
                tasks.stream().filter(task -> task.seq() > lastAnswered).toList(), checkpoint,
                writes.stream().filter(write -> writeNo(write) > applied).toList());
    }

    /** The number of a client's write (an upload or a delete). */
    static long writeNo(Object write) {
        return write instanceof FilesWrittenEvent written ? written.writeNo() : ((FileDeletedEvent) write).writeNo();
    }
}
