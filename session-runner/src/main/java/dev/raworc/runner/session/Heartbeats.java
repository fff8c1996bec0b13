package dev.raworc.runner.session;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.raworc.runner.RunnerProperties;
import dev.raworc.runner.docker.WarmPool;
import dev.raworc.runner.state.RunnerSessions;

/**
 * Records every few seconds that this runner is alive, and fails the live sessions of runners whose
 * heartbeat is older than {@code raworc.runner.lost-after}: they become ERRORED with reason
 * {@code runner_lost}. Any live runner may do it; failing an ERRORED session again changes nothing.
 */
@Component
class Heartbeats {

    static final String RUNNER_LOST = "runner_lost";

    private final RunnerSessions state;
    private final SessionStarts starts;
    private final RunnerProperties properties;
    private final WarmPool pool;

    Heartbeats(RunnerSessions state, SessionStarts starts, RunnerProperties properties, WarmPool pool) {
        this.state = state;
        this.pool = pool;
        this.starts = starts;
        this.properties = properties;
    }

    @Scheduled(initialDelayString = "0", fixedDelayString = "${raworc.runner.heartbeat-interval:5s}")
    void beat() {
        state.beat(pool.size());
        state.liveOnLostRunners(properties.lostAfter()).forEach(sessionId -> starts.fail(sessionId, RUNNER_LOST));
    }
}
