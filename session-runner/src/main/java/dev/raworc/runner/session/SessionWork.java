package dev.raworc.runner.session;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the runner's Docker work off Axon's event-handling threads (and their time limits): in
 * order, one task at a time per session, sessions in parallel.
 */
@Component
class SessionWork implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionWork.class);

    private final ExecutorService threads = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "session-runner");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Queues the task after the session's earlier tasks. A failing task is logged and does not stop later ones. */
    void submit(UUID sessionId, String what, Runnable task) {
        tails.compute(sessionId, (id, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                .thenRunAsync(() -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.error("Runner task '{}' of session {} failed", what, sessionId, e);
                    }
                }, threads));
    }

    /** Queues the task after a delay, behind whatever the session has queued by then. */
    void submitAfter(UUID sessionId, String what, java.time.Duration delay, Runnable task) {
        CompletableFuture.runAsync(() -> submit(sessionId, what, task),
                CompletableFuture.delayedExecutor(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
