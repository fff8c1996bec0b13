package dev.raworc.runner.session;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.model.Container;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.SessionState;
import dev.raworc.runner.RunnerProperties;
import dev.raworc.runner.docker.Containers;

/**
 * Keeps what Docker runs true to the sessions, at start and every few seconds: a live session
 * whose container died becomes ERRORED with the exit reason (Docker itself restarts containers
 * after its own restart, so those are given time first); a live session without a container gets
 * one; containers of sessions that are not live (or unknown for a minute) are removed, and volumes
 * of deleted sessions too. IDLE sessions past the idle timeout are closed. All work goes through the
 * sessions' queues, so it never races the event-driven work of the same session.
 */
@Component
class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** A container of a session the read model does not know yet may be brand new: leave it this long. */
    static final java.time.Duration UNKNOWN_GRACE = java.time.Duration.ofSeconds(60);

    /** A session as reconciliation sees it. */
    record SessionRow(UUID id, String space, String image, SessionState state, String stateReason, boolean deleted,
                      Instant lastActivity) {

        /** BUSY because of a task (set by a USER message or the runner), not by an agent reporting itself. */
        boolean busyWithATask() {
            return state == SessionState.BUSY && stateReason != null
                    && (stateReason.startsWith("message ") || stateReason.startsWith("task "));
        }
    }

    private final Containers containers;
    private final SessionRunner runner;
    private final SessionWork work;
    private final JdbcClient jdbc;
    private final RunnerProperties properties;
    private volatile Instant engineBackSince;
    private volatile boolean engineWasDown = true;

    Reconciler(Containers containers, SessionRunner runner, SessionWork work, JdbcClient jdbc, RunnerProperties properties) {
        this.containers = containers;
        this.runner = runner;
        this.work = work;
        this.jdbc = jdbc;
        this.properties = properties;
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
        if (engineWasDown) {
            engineWasDown = false;
            engineBackSince = Instant.now();
        }
        Map<UUID, SessionRow> sessions = sessions();
        Map<UUID, Container> bySession = new HashMap<>();
        for (Container container : running) {
            String label = container.getLabels().get(Containers.SESSION_LABEL);
            if (label == null) {
                continue;
            }
            UUID sessionId = UUID.fromString(label);
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
        java.util.Set<UUID> unanswered = sessionsWithUnansweredTasks();
        for (SessionRow session : sessions.values()) {
            if (session.deleted() || !session.state().live()) {
                continue;
            }
            Container container = bySession.get(session.id());
            if (container == null) {
                runner.ensureRunning(session.id(), session.space(), session.image());
            } else if (!"running".equals(container.getState()) && !"restarting".equals(container.getState()) && graceOver) {
                runner.died(session.id(), container.getStatus());
            } else if (session.busyWithATask() || unanswered.contains(session.id())) {
                runner.resume(session.id(), session.busyWithATask());
            }
        }
        removeVolumesOfGoneSessions(sessions);
        closeIdleSessions(sessions);
    }

    private void removeVolumesOfGoneSessions(Map<UUID, SessionRow> sessions) {
        for (var volume : containers.managedVolumes()) {
            String label = volume.getLabels() == null ? null : volume.getLabels().get(Containers.SESSION_LABEL);
            if (label == null) {
                continue;
            }
            UUID sessionId = UUID.fromString(label);
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
                .forEach(session -> runner.closeIdle(session.id()));
    }

    /** IDLE sessions with USER messages no AGENT reply answers: their hand-off was lost. */
    private java.util.Set<UUID> sessionsWithUnansweredTasks() {
        return new java.util.HashSet<>(jdbc.sql("""
                SELECT s.id FROM sessions s
                WHERE s.deleted_at IS NULL AND s.state = 'idle' AND EXISTS (
                    SELECT 1 FROM messages u WHERE u.session_id = s.id AND u.role = 'user' AND u.seq > COALESCE((
                        SELECT max((a.metadata->>'in_reply_to')::bigint) FROM messages a
                        WHERE a.session_id = s.id AND a.role = 'agent'), 0))""")
                .query(UUID.class).list());
    }

    private Map<UUID, SessionRow> sessions() {
        Map<UUID, SessionRow> sessions = new HashMap<>();
        jdbc.sql("""
                SELECT id, space, image, state, state_reason, deleted_at IS NOT NULL AS deleted,
                       COALESCE(last_message_at, created_at) AS last_activity_at
                FROM sessions LEFT JOIN session_activity ON session_id = id""")
                .query((rs, row) -> new SessionRow(rs.getObject("id", UUID.class), rs.getString("space"),
                        rs.getString("image"), SessionState.parse(rs.getString("state")).orElseThrow(),
                        rs.getString("state_reason"),
                        rs.getBoolean("deleted"),
                        rs.getTimestamp("last_activity_at") == null ? null : rs.getTimestamp("last_activity_at").toInstant()))
                .list()
                .forEach(session -> sessions.put(session.id(), session));
        log.trace("Reconciling {} sessions", sessions.size());
        return sessions;
    }
}
