package dev.raworc.runner.session;

import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionPlacedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.runner.RunnerProperties;
import dev.raworc.runner.RunnerSide;
import dev.raworc.runner.docker.Containers;

/**
 * Turns session events into container work and reports back with commands. It starts at the head
 * of the event stream and never replays history; the handlers only queue work, which runs in
 * order per session and is idempotent, as events may arrive more than once. Each runner has its
 * own processor ({@code session-runner@<name>}): it claims new sessions, and acts only on the
 * sessions placed on it.
 */
@Component
@ProcessingGroup(RunnerSide.PROCESSING_GROUP)
@DisallowReplay
class SessionRunner {

    private final Containers containers;
    private final SessionWork work;
    private final SessionFilesRunner files;
    private final Placements placements;
    private final RunnerProperties properties;
    private final TaskHandOffs tasks;
    private final SessionClaims claims;
    private final SessionStarts starts;

    SessionRunner(Containers containers, SessionWork work, SessionFilesRunner files, Placements placements,
                  RunnerProperties properties, TaskHandOffs tasks, SessionClaims claims, SessionStarts starts) {
        this.containers = containers;
        this.work = work;
        this.files = files;
        this.placements = placements;
        this.properties = properties;
        this.tasks = tasks;
        this.claims = claims;
        this.starts = starts;
    }

    @EventHandler
    void on(SessionCreatedEvent event) {
        placements.inSpace(event.sessionId(), event.space());
        claims.place(event.sessionId());
    }

    @EventHandler
    void on(SessionForkedEvent event) {
        placements.inSpace(event.sessionId(), event.space());
        claims.place(event.sessionId());
    }

    @EventHandler
    void on(SessionPlacedEvent event) {
        placements.placed(event.sessionId(), event.runner());
        if (properties.name().equals(event.runner())) {
            work.submit(event.sessionId(), "start", () -> starts.startRecorded(event.sessionId(), true));
        }
    }

    /** A restored session starts again on its runner; one from before placement is claimed first. */
    @EventHandler
    void on(SessionRestoredEvent event) {
        work.submit(event.sessionId(), "restore", () -> {
            if (placements.runnerOf(event.sessionId()).isEmpty()) {
                claims.claimIfItsFilesAreHere(event.sessionId(), false);
            } else if (placements.mine(event.sessionId())) {
                starts.startRecorded(event.sessionId(), false);
            }
        });
    }

    /** The files are checkpointed before the container goes: that checkpoint is the closed session's files. */
    @EventHandler
    void on(SessionClosedEvent event) {
        whenMine(event.sessionId(), "close", () -> stop(event.sessionId()));
    }

    @EventHandler
    void on(SessionStateChangedEvent event) {
        if (!event.to().live()) {
            whenMine(event.sessionId(), "stop", () -> stop(event.sessionId()));
        }
    }

    private void stop(UUID sessionId) {
        files.checkpoint(sessionId);
        containers.remove(sessionId);
    }

    @EventHandler
    void on(SessionDeletedEvent event) {
        whenMine(event.sessionId(), "delete", () -> {
            containers.remove(event.sessionId());
            containers.removeVolume(event.sessionId());
            placements.forget(event.sessionId());
        });
    }

    /** A USER message is a task: handed to the agent in seq order, one at a time per session. */
    @EventHandler
    void on(@Task MessagePostedEvent event) {
        if (placements.placedHere(event.sessionId())) {
            tasks.inTurn(event);
        }
    }

    private void whenMine(UUID sessionId, String what, Runnable task) {
        work.submit(sessionId, what, () -> {
            if (placements.mine(sessionId)) {
                task.run();
            }
        });
    }
}
