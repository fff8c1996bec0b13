package dev.raworc.runner.docker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What one run of the agent command gave: its output (each stream up to a cap; {@code truncated}
 * when more came), exit code, whether it ran out of time, and the scan of {@code /session} the run
 * ends with, which completes after the agent's part (none when the agent timed out or the scan
 * could not be made).
 */
public record AgentRun(String stdout, String stderr, boolean truncated, Integer exitCode, boolean timedOut,
                       Duration duration, CompletableFuture<Optional<FileScan>> scan) {

    public boolean failed() {
        return timedOut || exitCode == null || exitCode != 0;
    }
}
