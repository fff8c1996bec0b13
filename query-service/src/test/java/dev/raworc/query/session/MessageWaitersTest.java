package dev.raworc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.platform.web.paging.PageRequest;

class MessageWaitersTest {

    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    private final JdbcClient jdbc = TestDatabase.jdbc();
    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final MessageWaiters waiters = new MessageWaiters();
    private final SessionReadModels projection = new SessionReadModels(waiters);
    private final MessageViews messages = new MessageViews(jdbc);
    private final UUID sessionId = UUID.randomUUID();
    private final AtomicInteger woken = new AtomicInteger();
    private final MessageWaiters.Waiter waiter = waking(woken::incrementAndGet);

    @Test
    void withoutATransactionAWaiterIsWokenAtOnce() {
        waiters.add(sessionId, waiter);

        waiters.wakeAfterCommit(sessionId);

        assertThat(woken).hasValue(1);
    }

    @Test
    void everyWaiterOfTheSessionIsWokenAndOnlyThose() {
        AtomicInteger second = new AtomicInteger();
        AtomicInteger elsewhere = new AtomicInteger();
        UUID otherSession = UUID.randomUUID();
        waiters.add(sessionId, waiter);
        waiters.add(sessionId, waking(second::incrementAndGet));
        waiters.add(otherSession, waking(elsewhere::incrementAndGet));

        waiters.wakeAfterCommit(sessionId);

        assertThat(woken).hasValue(1);
        assertThat(second).hasValue(1);
        assertThat(elsewhere).hasValue(0);
    }

    @Test
    void stoppingAnswersEveryWaiterAtOnceAndEveryLaterOneAsItComes() {
        AtomicInteger released = new AtomicInteger();
        Supplier<MessageWaiters.Waiter> held = () -> new MessageWaiters.Waiter(woken::incrementAndGet, released::incrementAndGet);
        waiters.start();
        waiters.add(sessionId, held.get());
        waiters.add(UUID.randomUUID(), held.get());

        waiters.stop();
        assertThat(released).hasValue(2);
        waiters.add(sessionId, held.get());

        assertThat(released).hasValue(3);
        assertThat(woken).hasValue(0);
        assertThat(waiters.isRunning()).isFalse();
    }

    @Test
    void aRemovedWaiterIsNotWoken() {
        AtomicInteger stays = new AtomicInteger();
        waiters.add(sessionId, waiter);
        waiters.add(sessionId, waking(stays::incrementAndGet));

        waiters.remove(sessionId, waiter);
        waiters.wakeAfterCommit(sessionId);

        assertThat(woken).hasValue(0);
        assertThat(stays).hasValue(1);
    }

    @Test
    void aWaiterStaysUntilRemoved() {
        waiters.add(sessionId, waiter);

        waiters.wakeAfterCommit(sessionId);
        waiters.wakeAfterCommit(sessionId);

        assertThat(woken).hasValue(2);
    }

    @Test
    void wakingASessionWithoutWaitersIsHarmless() {
        waiters.wakeAfterCommit(sessionId);
        transactions.executeWithoutResult(status -> waiters.wakeAfterCommit(sessionId));

        assertThat(woken).hasValue(0);
    }

    @Test
    void inATransactionAWaiterIsWokenOnlyAfterTheCommit() {
        waiters.add(sessionId, waiter);
        List<Integer> seenInside = new ArrayList<>();

        transactions.executeWithoutResult(status -> {
            waiters.wakeAfterCommit(sessionId);
            seenInside.add(woken.get());
        });

        assertThat(seenInside).containsExactly(0);
        assertThat(woken).hasValue(1);
    }

    @Test
    void aRolledBackTransactionWakesNoOne() {
        waiters.add(sessionId, waiter);

        transactions.executeWithoutResult(status -> {
            waiters.wakeAfterCommit(sessionId);
            status.setRollbackOnly();
        });

        assertThat(woken).hasValue(0);
    }

    @Test
    void aFailedTransactionWakesNoOne() {
        waiters.add(sessionId, waiter);

        try {
            transactions.executeWithoutResult(status -> {
                waiters.wakeAfterCommit(sessionId);
                throw new IllegalStateException("projection failed");
            });
        } catch (IllegalStateException expected) {
            // the transaction rolled back
        }

        assertThat(woken).hasValue(0);
    }

    @Test
    void aProjectedMessageWakesItsWaitersOnceItIsCommittedAndReadable() {
        projection.on(new SessionCreatedEvent(sessionId, null, "space-" + sessionId, "image", Map.of()), AT, "alice");
        List<List<Long>> seenByWaiter = new ArrayList<>();
        waiters.add(sessionId, waking(() -> seenByWaiter.add(seqsFromAnotherConnection())));
        UUID messageId = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            projection.on(new MessagePostedEvent(sessionId, messageId, 1, MessageRole.USER, "hi", Map.of()), AT, "alice");
            assertThat(seenByWaiter).isEmpty();
        });

        assertThat(seenByWaiter).containsExactly(List.of(1L));
    }

    @Test
    void aRolledBackProjectionWakesNoOneAndShowsNothing() {
        projection.on(new SessionCreatedEvent(sessionId, null, "space-" + sessionId, "image", Map.of()), AT, "alice");
        waiters.add(sessionId, waiter);

        transactions.executeWithoutResult(status -> {
            projection.on(new MessagePostedEvent(sessionId, UUID.randomUUID(), 1, MessageRole.USER, "hi", Map.of()), AT,
                    "alice");
            status.setRollbackOnly();
        });

        assertThat(woken).hasValue(0);
        assertThat(messages.count(sessionId, null)).isZero();
    }

    /**
     * The session's messages as another request would read them: on a connection of its own, so
     * only committed rows count (the waiter may run while the committing connection is still bound).
     */
    private List<Long> seqsFromAnotherConnection() {
        List<Long> seqs = new ArrayList<>();
        Thread reader = new Thread(() -> messages.list(sessionId, 0L, null, new PageRequest(100, 0)).items()
                .forEach(message -> seqs.add(message.seq())));
        reader.start();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return seqs;
    }

    /** A waiter that only counts its wakes; its release does nothing. */
    private static MessageWaiters.Waiter waking(Runnable wake) {
        return new MessageWaiters.Waiter(wake, () -> { });
    }
}
