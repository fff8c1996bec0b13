package dev.raworc.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.raworc.platform.testing.TestDatabase;

/** Two query processes, each with its own waiters, on one database: one projects, the other holds the poll. */
class MessageNotificationsTest {

    private static final Duration HEARD_WITHIN = Duration.ofSeconds(5);
    private static final Duration SILENCE = Duration.ofMillis(700);

    private final TransactionTemplate transactions = new TransactionTemplate(
            new DataSourceTransactionManager(TestDatabase.dataSource()));
    private final MessageNotifications projecting = new MessageNotifications(TestDatabase.dataSource(), new MessageWaiters());
    private final MessageWaiters holdingWaiters = new MessageWaiters();
    private final MessageNotifications holding = new MessageNotifications(TestDatabase.dataSource(), holdingWaiters);
    private final UUID sessionId = UUID.randomUUID();

    @AfterEach
    void stop() {
        holding.stop();
    }

    @Test
    void aCommittedMessageWakesTheWaiterHeldByAnotherProcess() throws InterruptedException {
        CountDownLatch woken = listening();

        transactions.executeWithoutResult(status -> {
            projecting.announce(sessionId);
            projecting.announce(sessionId);
        });

        assertThat(woken.await(HEARD_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    void aRolledBackMessageWakesNoOne() throws InterruptedException {
        CountDownLatch woken = listening();

        transactions.executeWithoutResult(status -> {
            projecting.announce(sessionId);
            status.setRollbackOnly();
        });

        assertThat(woken.await(SILENCE.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
    }

    /** Starts the other process's listener; it wakes every waiter once it listens, which the latch waits out. */
    private CountDownLatch listening() throws InterruptedException {
        CountDownLatch listens = new CountDownLatch(1);
        CountDownLatch woken = new CountDownLatch(1);
        holdingWaiters.add(sessionId, new MessageWaiters.Waiter(() -> {
            if (listens.getCount() > 0) {
                listens.countDown();
            } else {
                woken.countDown();
            }
        }, () -> { }));
        holding.start();
        assertThat(listens.await(HEARD_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).as("listening").isTrue();
        return woken;
    }
}
