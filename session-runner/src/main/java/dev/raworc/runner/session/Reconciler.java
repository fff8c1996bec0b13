package dev.raworc.runner.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.model.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.SessionState;
import dev.raworc.runner.RunnerProperties;
import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.state.RunnerSessions;
import dev.raworc.runner.state.SessionRow;

/**
 * Keeps what this runner's Docker runs true to the sessions placed on it (as the runners' own
 * state {@code runner_sessions} has them), at start and every few seconds: a live session
 * whose container died becomes ERRORED with the exit reason (Docker itself restarts containers
 * after its own restart, so those are given time first); a live session without a container gets
 * one; containers of sessions that are not live (or unknown for a minute) are removed, and volumes
 * of deleted sessions too. IDLE sessions past the idle timeout are closed. All work goes through the
 * sessions' queues, so it never races the event-driven work of the same session. Live sessions no
 * runner has claimed (created while none ran) are claimed.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** A container of a session the read model does not know yet may be brand new: leave it this long. */
    static final java.time.Duration UNKNOWN_GRACE = java.time.Duration.ofSeconds(60);

    private final Containers containers;
    private final SessionClaims claims;
    private final SessionStarts starts;
    private final RunnerCommands commands;
    private final TaskHandOffs tasks;
    private final SessionWork work;
    private final RunnerSessions state;
    private final RunnerProperties properties;
    private final ContainerCounts counts;
    private volatile Instant engineBackSince;
    private volatile boolean engineWasDown = true;

    Reconciler(Containers containers, SessionClaims claims, SessionStarts starts, RunnerCommands commands,
               TaskHandOffs tasks, SessionWork work, RunnerSessions state, RunnerProperties properties, ContainerCounts counts) {
        this.containers = containers;
        this.claims = claims;
        this.starts = starts;
        this.commands = commands;
        this.tasks = tasks;
        this.work = work;
        this.state = state;
        this.properties = properties;
        this.counts = counts;
    }

    @Scheduled(initialDelayString = "0", fixedDelayString = "${raworc.runner.reconcile-interval:5s}")
    void reconcile() {
        List<Container> running;
        try {
            running = containers.managed();
        } catch (RuntimeException engineDown) {
            engineWasDown = true;
            return;
        }
        counts.seen(running);
        if (engineWasDown) {
            engineWasDown = false;
            engineBackSince = Instant.now();
        }
        state.unplacedLive().forEach(claims::place);
        Map<UUID, SessionRow> sessions = sessions();
        Map<UUID, Container> bySession = new HashMap<>();
        for (Container container : running) {
            java.util.Optional<UUID> of = Containers.sessionOf(container);
            if (of.isEmpty()) {
                continue; // a warm container, or a helper
            }
            UUID sessionId = of.get();
            SessionRow session = sessions.get(sessionId);
            boolean unknownAndOld = session == null
                    && Instant.ofEpochSecond(container.getCreated()).plus(UNKNOWN_GRACE).isBefore(Instant.now());
            if (unknownAndOld || session != null && (session.deleted() || !session.state().live())) {
                work.submit(sessionId, "remove stray container", () -> containers.remove(sessionId));
            } else {
                bySession.put(sessionId, container);
            }
        }
        boolean graceOver = engineBackSince.plus(properties.restartGrace()).isBefore(Instant.now());
        for (SessionRow session : sessions.values()) {
            if (session.deleted() || !session.state().live() || session.runner() == null) {
                continue;
            }
            Container container = bySession.get(session.id());
            if (container == null) {
                starts.ensureRunning(session.id(), session.space(), session.image());
            } else if (!"running".equals(container.getState()) && !"restarting".equals(container.getState()) && graceOver) {
                starts.died(session.id(), container.getStatus());
            } else if (session.busyWithATask() || session.idleWithUnansweredTasks()) {
                tasks.resume(session.id(), session.busyWithATask());
            }
        }
        removeVolumesOfGoneSessions(sessions);
        closeIdleSessions(sessions);
    }

    private void removeVolumesOfGoneSessions(Map<UUID, SessionRow> sessions) {
        for (var volume : containers.managedVolumes()) {
            java.util.Optional<UUID> of = containers.sessionOf(volume);
            if (of.isEmpty()) {
                continue;
            }
            UUID sessionId = of.get();
            SessionRow session = sessions.get(sessionId);
            if (session != null && session.deleted()) {
                work.submit(sessionId, "remove stray volume", () -> containers.removeVolume(sessionId));
            }
        }
    }

    private void closeIdleSessions(Map<UUID, SessionRow> sessions) {
        if (properties.idleTimeout().isZero()) {
            return;
        }
        Instant idleSince = Instant.now().minus(properties.idleTimeout());
        sessions.values().stream()
                .filter(session -> !session.deleted() && session.state() == SessionState.IDLE)
                .filter(session -> session.lastActivity() != null && session.lastActivity().isBefore(idleSince))
                .forEach(session -> work.submit(session.id(), "idle timeout",
                        () -> commands.changeState(session.id(), SessionState.CLOSED, "idle_timeout")));
    }

    private Map<UUID, SessionRow> sessions() {
        Map<UUID, SessionRow> sessions = new HashMap<>();
        state.mine().forEach(session -> sessions.put(session.id(), session));
        log.trace("Reconciling {} sessions", sessions.size());
        return sessions;
    }
}
