package dev.raworc.runner.session;

import java.util.Optional;
import java.util.UUID;

import com.github.dockerjava.api.exception.NotFoundException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.FailSessionCommand;
import dev.raworc.api.session.MarkSessionReadyCommand;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.PlaceSessionCommand;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionPlacedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionStateChangedEvent;
import dev.raworc.runner.RunnerProperties;
import dev.raworc.runner.RunnerSide;
import dev.raworc.runner.docker.ContainerSpec;
import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.WarmPool;
import dev.raworc.runner.state.RunnerSessions;

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

    private static final Logger log = LoggerFactory.getLogger(SessionRunner.class);
    /** How long a runner without a warm container leaves a new session to one with some. */
    static final java.time.Duration WARM_PREFERENCE = java.time.Duration.ofMillis(500);

    private final Containers containers;
    private final SessionWork work;
    private final RunnerCommands commands;
    private final SessionFilesRunner files;
    private final RecordedSessions recorded;
    private final Placements placements;
    private final RunnerProperties properties;
    private final AgentEnvironment environment;
    private final TaskHandOffs tasks;
    private final WarmPool pool;
    private final RunnerSessions runnerState;

    SessionRunner(Containers containers, SessionWork work, RunnerCommands commands, SessionFilesRunner files,
                  RecordedSessions recorded, Placements placements, RunnerProperties properties, AgentEnvironment environment,
                  TaskHandOffs tasks, WarmPool pool, RunnerSessions runnerState) {
        this.containers = containers;
        this.work = work;
        this.commands = commands;
        this.files = files;
        this.recorded = recorded;
        this.placements = placements;
        this.properties = properties;
        this.environment = environment;
        this.tasks = tasks;
        this.pool = pool;
        this.runnerState = runnerState;
    }

    @EventHandler
    void on(SessionCreatedEvent event) {
        placements.inSpace(event.sessionId(), event.space());
        place(event.sessionId());
    }

    @EventHandler
    void on(SessionForkedEvent event) {
        placements.inSpace(event.sessionId(), event.space());
        place(event.sessionId());
    }

    @EventHandler
    void on(SessionPlacedEvent event) {
        placements.placed(event.sessionId(), event.runner());
        if (properties.name().equals(event.runner())) {
            work.submit(event.sessionId(), "start", () -> startRecorded(event.sessionId(), true));
        }
    }

    /** A restored session starts again on its runner; one from before placement is claimed first. */
    @EventHandler
    void on(SessionRestoredEvent event) {
        work.submit(event.sessionId(), "restore", () -> {
            if (placements.runnerOf(event.sessionId()).isEmpty()) {
                claimIfItsFilesAreHere(event.sessionId(), false);
            } else if (placements.mine(event.sessionId())) {
                startRecorded(event.sessionId(), false);
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

    /**
     * Asks for a live session to be placed on this runner; the SessionPlaced event decides. A remix
     * with the parent's files as they are goes where the parent's volume is: only the parent's runner
     * claims it. One with the files of a past checkpoint can go anywhere: they are in the content store.
     */
    void place(UUID sessionId) {
        work.submit(sessionId, "claim", () -> claimIfItsFilesAreHere(sessionId, true));
    }

    /**
     * A new session that could take a warm container is left a moment to a runner that has one
     * ready, when this one has none: placement prefers a warm start.
     */
    private void claimIfItsFilesAreHere(UUID sessionId, boolean isNew) {
        RecordedSession session = recorded.read(sessionId);
        SessionForkedEvent fork = session.fork();
        if (fork == null || !fork.copyData() || fork.filesFrom() != null || placements.mine(fork.parentSessionId())) {
            boolean couldStartWarm = isNew && (fork == null || !fork.copyData()) && pool.isPoolImage(session.image());
            if (couldStartWarm && pool.size() == 0 && runnerState.othersHaveWarmMembers(properties.lostAfter())) {
                work.submitAfter(sessionId, "claim", WARM_PREFERENCE, () -> claim(sessionId));
            } else {
                claim(sessionId);
            }
        }
    }

    private void whenMine(UUID sessionId, String what, Runnable task) {
        work.submit(sessionId, what, () -> {
            if (placements.mine(sessionId)) {
                task.run();
            }
        });
    }

    /** A live session without a container gets one, unless its queued work provides it first. */
    void ensureRunning(UUID sessionId, String space, String image) {
        work.submit(sessionId, "recreate", () -> {
            if (!containers.isRunning(sessionId)) {
                log.info("Session {} has no running container: starting one", sessionId);
                start(sessionId, space, image, false);
            }
        });
    }

    /** A session's container died from outside: the session is ERRORED with the reason. */
    void died(UUID sessionId, String status) {
        work.submit(sessionId, "report death", () -> {
            if (!containers.isRunning(sessionId)) {
                failNow(sessionId, "the container stopped: " + status);
            }
        });
    }

    void closeIdle(UUID sessionId) {
        work.submit(sessionId, "idle timeout", () -> commands.changeState(sessionId, SessionState.CLOSED, "idle_timeout"));
    }

    /**
     * Starts the session's container as its events describe it; a new remix first gets its parent's
     * files, of a past checkpoint or as they are (checkpointed at once, so reads show them). Writes
     * and tasks from before it ran are carried out once it runs.
     */
    private void startRecorded(UUID sessionId, boolean firstStart) {
        RecordedSession session = recorded.read(sessionId);
        boolean copiesParentVolume = firstStart && session.fork() != null && session.fork().copyData()
                && session.fork().filesFrom() == null;
        if (firstStart && session.fork() != null && session.fork().copyData()) {
            try {
                if (session.fork().filesFrom() != null) {
                    files.restore(sessionId, session.image(), session.fork().filesFrom());
                } else {
                    containers.copyVolume(session.fork().parentSessionId(), sessionId, session.image());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failNow(sessionId, "copying the parent's files failed: " + describe(e));
                return;
            }
        }
        start(sessionId, session.space(), session.image(), firstStart && (session.fork() == null || !session.fork().copyData()));
        if (copiesParentVolume || !session.unappliedWrites().isEmpty()) {
            files.checkpoint(sessionId); // the copied files, writes made before it ran or while this runner was away
        }
        session.unanswered().forEach(tasks::inTurn);
    }

    private void claim(UUID sessionId) {
        try {
            send(new PlaceSessionCommand(sessionId, properties.name()));
        } catch (RuntimeException notPlaceable) {
            log.warn("Session {} not claimed: {}", sessionId, describe(notPlaceable));
        }
    }

    /** A new session with nothing to copy into its volume may take a warm container, which gets its environment with each task. */
    private void start(UUID sessionId, String space, String image, boolean mayTakeWarm) {
        try {
            Optional<String> warm = mayTakeWarm ? pool.take(sessionId, image) : Optional.empty();
            String containerId = warm.isPresent() ? warm.get()
                    : containers.start(new ContainerSpec(sessionId, space, image, environment.of(sessionId, space)));
            send(new MarkSessionReadyCommand(sessionId, containerId));
        } catch (NotFoundException e) {
            failNow(sessionId, "image '" + image + "' not found");
        } catch (RuntimeException e) {
            failNow(sessionId, "the container could not start: " + describe(e));
        }
    }

    /** Reports a failure of a live session, in its turn: it becomes ERRORED (a session that is not live stays). */
    void fail(UUID sessionId, String reason) {
        work.submit(sessionId, "fail", () -> failNow(sessionId, reason));
    }

    private void failNow(UUID sessionId, String reason) {
        log.warn("Session {} failed: {}", sessionId, reason);
        send(new FailSessionCommand(sessionId, reason));
    }

    private void send(Object command) {
        commands.send(command);
    }

    private static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
