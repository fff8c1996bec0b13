package dev.raworc.runner.session;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import dev.raworc.platform.stream.AgentOutputChannel;

/**
 * Relays agents' output to the live streams while their tasks run, a few chunks a second at most
 * per task: every chunk is a round trip to PostgreSQL.
 */
@Component
class LiveOutputs {

    /** The longest a piece of output waits for more before it is sent. */
    static final Duration COALESCE = Duration.ofMillis(100);

    private final AgentOutputChannel channel;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "live-output");
        thread.setDaemon(true);
        return thread;
    });

    LiveOutputs(AgentOutputChannel channel) {
        this.channel = channel;
    }

    /** The output of one task; close it when the run ends, to send what is left. */
    LiveOutput open(UUID sessionId, long taskSeq) {
        return new LiveOutput(sessionId, taskSeq, channel, flusher, COALESCE);
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
    }
}
