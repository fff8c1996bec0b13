package dev.raworc.runner.docker;

import java.time.Duration;

/**
 * What one run of the agent command gave: its output (each stream up to a cap; {@code truncated}
 * when more came), exit code, and whether it ran out of time.
 */
public record AgentRun(String stdout, String stderr, boolean truncated, Integer exitCode, boolean timedOut,
                       Duration duration) {

    public boolean failed() {
        return timedOut || exitCode == null || exitCode != 0;
    }
}
