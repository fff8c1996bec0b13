package dev.raworc.query.session;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Long-polling requests waiting for a session's next message. They hold no thread while they
 * wait; the projection wakes them once a new message is committed and readable.
 */
@Component
class MessageWaiters {

    /** Something to call when a session has a new message. */
    interface Waiter {
        void wake();
    }

    private final Map<UUID, Set<Waiter>> waiting = new ConcurrentHashMap<>();

    void add(UUID sessionId, Waiter waiter) {
        waiting.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
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

    private void wake(UUID sessionId) {
        Set<Waiter> waiters = waiting.get(sessionId);
        if (waiters != null) {
            waiters.forEach(Waiter::wake);
        }
    }
}
