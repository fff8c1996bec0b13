package dev.raworc.runner.session;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import dev.raworc.runner.docker.AgentRun;

/**
 * {@code raworc_runner_tasks_seconds}: how long the agent took over each task, by outcome:
 * {@code success} (exit 0), {@code failed} (another exit code), {@code timed_out}, or {@code error}
 * (the runner could not run it: the container went away, say).
 */
@Component
class TaskOutcomes {

    private final MeterRegistry registry;

    TaskOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    void ran(AgentRun run) {
        record(run.timedOut() ? "timed_out" : run.failed() ? "failed" : "success", run.duration());
    }

    void couldNotRun(long startedNanos) {
        record("error", Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private void record(String outcome, Duration duration) {
        Timer.builder("raworc.runner.tasks")
                .description("Agent tasks, from hand-over to the agent's exit")
                .tag("outcome", outcome)
                .register(registry)
                .record(duration);
    }
}
