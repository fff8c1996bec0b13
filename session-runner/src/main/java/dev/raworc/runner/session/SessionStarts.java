package dev.raworc.runner.session;

import java.util.Optional;
import java.util.UUID;

import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.FailSessionCommand;
import dev.raworc.api.session.MarkSessionReadyCommand;
import dev.raworc.runner.docker.ContainerSpec;
import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.WarmPool;

/**
 * Starts sessions' containers as their events describe them, and reports what becomes of them: READY
 * once a container runs, ERRORED when it cannot start or dies.
 */
@Component
class SessionStarts {

    private static final Logger log = LoggerFactory.getLogger(SessionStarts.class);

    private final Containers containers;
    private final SessionWork work;
    private final RunnerCommands commands;
    private final SessionFilesRunner files;
    private final RecordedSessions recorded;
    private final AgentEnvironment environment;
    private final TaskHandOffs tasks;
    private final WarmPool pool;

    SessionStarts(Containers containers, SessionWork work, RunnerCommands commands, SessionFilesRunner files,
                  RecordedSessions recorded, AgentEnvironment environment, TaskHandOffs tasks, WarmPool pool) {
        this.containers = containers;
        this.work = work;
        this.commands = commands;
        this.files = files;
        this.recorded = recorded;
        this.environment = environment;
        this.tasks = tasks;
        this.pool = pool;
    }

    /**
     * Starts the session's container as its events describe it; a new remix first gets its parent's
     * files, of a past checkpoint or as they are (checkpointed at once, so reads show them). Writes
     * and tasks from before it ran are carried out once it runs.
     */
    void startRecorded(UUID sessionId, boolean firstStart) {
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

    /** Reports a failure of a live session, in its turn: it becomes ERRORED (a session that is not live stays). */
    void fail(UUID sessionId, String reason) {
        work.submit(sessionId, "fail", () -> failNow(sessionId, reason));
    }

    /** A new session with nothing to copy into its volume may take a warm container, which gets its environment with each task. */
    private void start(UUID sessionId, String space, String image, boolean mayTakeWarm) {
        try {
            Optional<String> warm = mayTakeWarm ? pool.take(sessionId, image) : Optional.empty();
            String containerId = warm.isPresent() ? warm.get()
                    : containers.start(new ContainerSpec(sessionId, space, image, environment.of(sessionId, space)));
            commands.send(new MarkSessionReadyCommand(sessionId, containerId));
        } catch (NotFoundException e) {
            failNow(sessionId, "image '" + image + "' not found");
        } catch (RuntimeException e) {
            failNow(sessionId, "the container could not start: " + describe(e));
        }
    }

    private void failNow(UUID sessionId, String reason) {
        log.warn("Session {} failed: {}", sessionId, reason);
        commands.send(new FailSessionCommand(sessionId, reason));
    }

    /** The root cause's message: what an operator can act on. */
    static String describe(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
