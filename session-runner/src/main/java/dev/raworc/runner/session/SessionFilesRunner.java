package dev.raworc.runner.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FileEntry;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.files.RecordCheckpointCommand;
import dev.raworc.platform.content.Manifest;
import dev.raworc.platform.content.Manifests;
import dev.raworc.runner.RunnerSide;
import dev.raworc.runner.docker.ContainerFiles;
import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.FileScan;
import dev.raworc.runner.files.Checkpointer;
import dev.raworc.runner.files.ManifestTarFactory;

/**
 * A session's files on its runner: clients' writes are carried into {@code /session} in their
 * turn, and checkpoints are recorded after writes, after every agent reply and before the container
 * goes. Everything works from the session's events (its newest checkpoint and the writes after it),
 * so a write missed while the runner was away is applied with the next one, and applying one twice
 * changes nothing.
 */
@Component
@ProcessingGroup(RunnerSide.PROCESSING_GROUP)
@DisallowReplay
class SessionFilesRunner {

    private static final Logger log = LoggerFactory.getLogger(SessionFilesRunner.class);

    private final SessionWork work;
    private final Placements placements;
    private final RecordedSessions recorded;
    private final Containers containers;
    private final ContainerFiles files;
    private final Checkpointer checkpointer;
    private final Manifests manifests;
    private final ManifestTarFactory tars;
    private final RunnerCommands commands;

    SessionFilesRunner(SessionWork work, Placements placements, RecordedSessions recorded, Containers containers,
                       ContainerFiles files, Checkpointer checkpointer, Manifests manifests, ManifestTarFactory tars,
                       RunnerCommands commands) {
        this.work = work;
        this.placements = placements;
        this.recorded = recorded;
        this.containers = containers;
        this.files = files;
        this.checkpointer = checkpointer;
        this.manifests = manifests;
        this.tars = tars;
        this.commands = commands;
    }

    @EventHandler
    void on(FilesWrittenEvent event) {
        inTurn(event.sessionId(), "write " + event.writeNo());
    }

    @EventHandler
    void on(FileDeletedEvent event) {
        inTurn(event.sessionId(), "delete " + event.writeNo());
    }

    private void inTurn(UUID sessionId, String what) {
        work.submit(sessionId, what, () -> {
            if (placements.mine(sessionId)) {
                checkpoint(sessionId);
            }
        });
    }

    /**
     * Applies the writes no checkpoint holds yet, then records a checkpoint: of what the running
     * container holds, or, without one, of what the writes made of the last checkpoint. Failures
     * are logged; the next checkpoint tries again.
     */
    void checkpoint(UUID sessionId) {
        checkpoint(sessionId, false, Optional.empty());
    }

    /**
     * The checkpoint after a task's reply, from the scan its run ended with when no write came
     * between (a write is applied first, and the files scanned again).
     */
    void checkpointAfterTask(UUID sessionId, Optional<FileScan> scan) {
        checkpoint(sessionId, true, scan);
    }

    private void checkpoint(UUID sessionId, boolean afterTask, Optional<FileScan> scan) {
        try {
            RecordedSession session = recorded.read(sessionId);
            boolean running = afterTask || containers.isRunning(sessionId);
            Manifest current = session.checkpoint() == null ? Manifest.EMPTY
                    : manifests.load(session.checkpoint().manifestHash());
            long applied = session.checkpoint() == null ? 0 : session.checkpoint().writesApplied();
            if (!running && !session.unappliedWrites().isEmpty()) {
                containers.ensureVolume(sessionId);
            }
            for (Object write : session.unappliedWrites()) {
                current = apply(session, running, current, write);
                applied = RecordedSession.writeNo(write);
            }
            Checkpointer.Scanned scanned = !running ? checkpointer.derived(current)
                    : scan.isPresent() && session.unappliedWrites().isEmpty() ? checkpointer.scan(sessionId, current, scan)
                    : checkpointer.scan(sessionId, current);
            commands.send(new RecordCheckpointCommand(sessionId, scanned.manifestHash(), scanned.manifest().size(),
                    scanned.bytesAdded(), applied));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (AggregateNotFoundException deleted) {
            log.debug("No checkpoint of session {}: it was deleted", sessionId);
        } catch (IOException | RuntimeException e) {
            log.warn("No checkpoint of session {}: {}", sessionId, e.toString());
        }
    }

    private Manifest apply(RecordedSession session, boolean running, Manifest current, Object write)
            throws IOException, InterruptedException {
        if (write instanceof FilesWrittenEvent written) {
            try (InputStream tar = tars.of(written.entries())) {
                files.write(session.id(), session.image(), running, tar);
            }
            return current.with(written.entries());
        }
        FileDeletedEvent deleted = (FileDeletedEvent) write;
        files.delete(session.id(), session.image(), running, deleted.path());
        return current.without(deleted.path());
    }

    /** Fills a new session's volume with the files of a manifest (a remix from a past message). */
    void restore(UUID sessionId, String image, String manifestHash) {
        List<FileEntry> entries = manifests.load(manifestHash).items().stream()
                .map(Manifest.Item::entry).toList();
        containers.ensureVolume(sessionId);
        if (entries.isEmpty()) {
            return;
        }
        try (InputStream tar = tars.of(entries)) {
            files.write(sessionId, image, false, tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
