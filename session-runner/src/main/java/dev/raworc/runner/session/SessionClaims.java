package dev.raworc.runner.session;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.PlaceSessionCommand;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.runner.RunnerProperties;
import dev.raworc.runner.docker.WarmPool;
import dev.raworc.runner.state.RunnerSessions;

/**
 * Asks for live sessions to be placed on this runner; the SessionPlaced event decides between
 * runners. A remix with the parent's files as they are goes where the parent's volume is: only the
 * parent's runner claims it. One with the files of a past checkpoint can go anywhere: they are in
 * the content store.
 */
@Component
class SessionClaims {

    private static final Logger log = LoggerFactory.getLogger(SessionClaims.class);
    /** How long a runner without a warm container leaves a new session to one with some. */
    static final Duration WARM_PREFERENCE = Duration.ofMillis(500);

    private final SessionWork work;
    private final RunnerCommands commands;
    private final RecordedSessions recorded;
    private final Placements placements;
    private final WarmPool pool;
    private final RunnerSessions runnerState;
    private final RunnerProperties properties;

    SessionClaims(SessionWork work, RunnerCommands commands, RecordedSessions recorded, Placements placements, WarmPool pool,
                  RunnerSessions runnerState, RunnerProperties properties) {
        this.work = work;
        this.commands = commands;
        this.recorded = recorded;
        this.placements = placements;
        this.pool = pool;
        this.runnerState = runnerState;
        this.properties = properties;
    }

    /** Claims a new session, in its turn. */
    void place(UUID sessionId) {
        work.submit(sessionId, "claim", () -> claimIfItsFilesAreHere(sessionId, true));
    }

    /**
     * A new session that could take a warm container is left a moment to a runner that has one
     * ready, when this one has none: placement prefers a warm start.
     */
    void claimIfItsFilesAreHere(UUID sessionId, boolean isNew) {
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

    private void claim(UUID sessionId) {
        try {
            commands.send(new PlaceSessionCommand(sessionId, properties.name()));
        } catch (RuntimeException notPlaceable) {
            log.warn("Session {} not claimed: {}", sessionId, SessionStarts.describe(notPlaceable));
        }
    }
}
