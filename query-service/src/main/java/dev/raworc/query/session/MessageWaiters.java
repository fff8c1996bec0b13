package dev.raworc.query.session;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Long-polling requests waiting for a session's next message. They hold no thread while they
 * wait; they are woken once a new message is committed and readable: by the projection in this
 * process, and by {@link MessageNotifications} for messages another process projected. When the server
 * stops, they are answered at once with what there is: the web server's graceful shutdown waits
 * for every request still open, and a poll held for a minute would hold the stop as long.
 */
@Component
class MessageWaiters implements SmartLifecycle {

    /** A held request: {@code wake} when the session may have a new message, {@code release} to answer it now. */
    record Waiter(Runnable wake, Runnable release) {
    }

    private volatile boolean running;
    private volatile boolean stopping;
    private final Map<UUID, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    void add(UUID sessionId, Waiter waiter) {
        waiting.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        if (stopping) { // checked after adding, so a request arriving during stop() is answered by one of the two
            waiter.release().run();
        }
    }

    void remove(UUID sessionId, Waiter waiter) {
        waiting.computeIfPresent(sessionId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** Wakes the session's waiters when the current transaction commits (at once without one). */
    void wakeAfterCommit(UUID sessionId) {
        if (!waiting.containsKey(sessionId)) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(sessionId);
                }
            });
        } else {
            wake(sessionId);
        }
    }

    void wake(UUID sessionId) {
        Set<Waiter> waiters = waiting.get(sessionId);
        if (waiters != null) {
            waiters.forEach(waiter -> waiter.wake().run());
        }
    }

    void wakeAll() {
        waiting.values().forEach(waiters -> waiters.forEach(waiter -> waiter.wake().run()));
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopping = true;
        waiting.values().forEach(waiters -> waiters.forEach(waiter -> waiter.release().run()));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The highest phase stops first: before the web server's graceful shutdown waits for open requests. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
