package dev.raworc.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import dev.raworc.api.DomainException;
import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.CheckpointsExpiredEvent;
import dev.raworc.api.files.DeleteFileCommand;
import dev.raworc.api.files.ExpireCheckpointsCommand;
import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.files.RecordCheckpointCommand;
import dev.raworc.api.files.WriteFilesCommand;
import dev.raworc.platform.content.CheckpointContents;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.content.Manifests;

/**
 * A session's files as its history knows them: the writes of clients, numbered, and the runner's
 * checkpoints, numbered and tied to the newest message of their time. The current files are the
 * newest checkpoint's with the writes it does not hold yet, so writes are judged against them.
 * What the content store keeps (checkpoints, uploads waiting for one) changes in the transaction
 * of the event that says so.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class SessionFiles {

    /** A checkpoint, as much as remixes from the past need of it. */
    record Checkpoint(long no, long messageSeq, String manifestHash, long files) {
    }

    /** A client's write no checkpoint holds yet: entries written, or the path deleted. */
    record PendingWrite(long writeNo, List<FileEntry> written, String deleted) {
        Manifest applyTo(Manifest manifest) {
            return deleted != null ? manifest.without(deleted) : manifest.with(written);
        }
    }

    // not final: a snapshot's reader sets every field, and Jackson 3 sets no final field
    private long writes;
    /** The checkpoints whose files are kept, oldest first; retention lets go of the oldest. */
    private List<Checkpoint> checkpoints = new ArrayList<>();
    private long expiredThrough;
    /** The message the first checkpoint was tied to; null before there is one. */
    private Long firstMessageSeq;
    private long writesApplied;
    private List<PendingWrite> pending = new ArrayList<>();

    /** Writes the entries in their order, each under its parent as the files are then; answers them as written. */
    @CommandHandler
    List<FileEntry> handle(WriteFilesCommand command, Manifests manifests, CheckpointContents contents) {
        if (command.entries().isEmpty()) {
            throw new DomainException(DomainException.Kind.VALIDATION, "An upload must hold at least one file or directory");
        }
        Manifest files = current(manifests);
        List<FileEntry> written = new ArrayList<>();
        for (FileEntry entry : command.entries()) {
            FileEntry placed = FileWriteRules.place(files, entry);
            files = files.with(List.of(placed));
            written.add(placed);
        }
        long writeNo = writes + 1;
        apply(new FilesWrittenEvent(command.sessionId(), writeNo, written));
        contents.hold(command.sessionId(), writeNo,
                written.stream().map(FileEntry::hash).filter(hash -> hash != null).distinct().toList());
        return written;
    }

    @CommandHandler
    void handle(DeleteFileCommand command, Manifests manifests) {
        String path = FileWriteRules.existing(current(manifests), command.path());
        apply(new FileDeletedEvent(command.sessionId(), writes + 1, path));
    }

    /** The session's files now: the newest checkpoint's, with every write it does not hold applied in order. */
    Manifest current(Manifests manifests) {
        Manifest files = latest().map(checkpoint -> manifests.load(checkpoint.manifestHash())).orElse(Manifest.EMPTY);
        for (PendingWrite write : pending) {
            files = write.applyTo(files);
        }
        return files;
    }

    /**
     * Records the runner's checkpoint, tied to the session's newest message. A checkpoint that
     * would say nothing new (same files, same message, same writes) is not recorded again.
     */
    long record(RecordCheckpointCommand command, long lastMessageSeq, CheckpointContents contents) {
        Checkpoint latest = latest().orElse(null);
        if (latest != null && latest.manifestHash().equals(command.manifestHash()) && latest.messageSeq() == lastMessageSeq
                && writesApplied >= command.writesApplied()) {
            return latest.no();
        }
        long no = latest == null ? 1 : latest.no() + 1;
        apply(new CheckpointRecordedEvent(command.sessionId(), no, lastMessageSeq, command.manifestHash(),
                command.files(), command.bytesAdded(), command.writesApplied()));
        contents.keep(command.sessionId(), no, command.manifestHash());
        contents.release(command.sessionId(), command.writesApplied());
        return no;
    }

    /** Retention never lets go of the newest checkpoint: it is the files of a closed session. */
    @CommandHandler
    void handle(ExpireCheckpointsCommand command, CheckpointContents contents) {
        long newest = latest().map(Checkpoint::no).orElse(0L);
        long through = Math.min(command.throughCheckpointNo(), newest - 1);
        if (through > expiredThrough) {
            apply(new CheckpointsExpiredEvent(command.sessionId(), through));
            contents.expire(command.sessionId(), through);
        }
    }

    /**
     * The checkpoint whose files a remix from message {@code seq} starts with: the newest at or
     * before it. Empty when there is none.
     *
     * @throws DomainException (conflict) when retention let go of that checkpoint's files
     */
    Optional<Checkpoint> atOrBefore(long seq) {
        Optional<Checkpoint> found = checkpoints.stream().filter(c -> c.messageSeq() <= seq)
                .reduce((older, newer) -> newer);
        if (found.isEmpty() && firstMessageSeq != null && firstMessageSeq <= seq) {
            throw DomainException.conflict("The files of message " + seq
                    + " are no longer kept: retention let go of that checkpoint");
        }
        return found;
    }

    /**
     * The first checkpoint of a remix from message {@code seq} of this session: the files of the
     * newest checkpoint at or before it, or none at all when the files are older than every
     * checkpoint. Null when this session has no checkpoints: the remix copies its files as they are.
     */
    CheckpointRecordedEvent remixedAt(UUID child, long seq, boolean copyMessages, Manifests manifests) {
        if (firstMessageSeq == null) {
            return null;
        }
        Optional<Checkpoint> then = atOrBefore(seq);
        String manifest = then.map(Checkpoint::manifestHash).orElseGet(() -> manifests.store(Manifest.EMPTY));
        return new CheckpointRecordedEvent(child, 1, copyMessages ? seq : 0, manifest, then.map(Checkpoint::files).orElse(0L),
                0, 0);
    }

    private Optional<Checkpoint> latest() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    }

    @EventSourcingHandler
    void on(FilesWrittenEvent event) {
        writes = event.writeNo();
        pending.add(new PendingWrite(event.writeNo(), event.entries(), null));
    }

    @EventSourcingHandler
    void on(FileDeletedEvent event) {
        writes = event.writeNo();
        pending.add(new PendingWrite(event.writeNo(), null, event.path()));
    }

    @EventSourcingHandler
    void on(CheckpointRecordedEvent event) {
        if (firstMessageSeq == null) {
            firstMessageSeq = event.messageSeq();
        }
        checkpoints.add(new Checkpoint(event.checkpointNo(), event.messageSeq(), event.manifestHash(), event.files()));
        writesApplied = Math.max(writesApplied, event.writesApplied());
        pending.removeIf(write -> write.writeNo() <= writesApplied);
    }

    @EventSourcingHandler
    void on(CheckpointsExpiredEvent event) {
        expiredThrough = event.throughCheckpointNo();
        checkpoints.removeIf(checkpoint -> checkpoint.no() <= expiredThrough);
    }
}
