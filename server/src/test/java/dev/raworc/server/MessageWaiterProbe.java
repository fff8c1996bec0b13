package dev.raworc.server;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import org.springframework.context.ApplicationContext;

/**
 * How many long-polling requests the server holds for a session, read from its message waiters
 * (white-box: the API does not expose them). Long-poll tests poll it to know their waiters are
 * registered before they post, instead of sleeping and hoping.
 */
final class MessageWaiterProbe {

    private final Map<UUID, Set<?>> waiting;

    @SuppressWarnings("unchecked")
    MessageWaiterProbe(ApplicationContext context) {
        Object waiters = context.getBean("messageWaiters");
        try {
            Field field = waiters.getClass().getDeclaredField("waiting");
            field.setAccessible(true);
            this.waiting = (Map<UUID, Set<?>>) field.get(waiters);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("MessageWaiters no longer keeps its waiters in a field 'waiting'", e);
        }
    }

    int waiting(String session) {
        Set<?> waiters = waiting.get(UUID.fromString(session));
        return waiters == null ? 0 : waiters.size();
    }

    /** Polls until exactly {@code count} requests wait for the session; fails after the timeout. */
    void await(String session, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waiting(session) != count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + count + " waiters for session " + session + " within " + timeout
                        + " but " + waiting(session) + " are waiting");
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
