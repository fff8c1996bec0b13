package dev.raworc.query.session;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every query process that a session has new messages, so a long poll is answered by
 * whichever process holds it, not only by the one that projects the messages. The projection
 * sends a PostgreSQL NOTIFY in its transaction, once per session: PostgreSQL delivers it to every
 * listener when the transaction commits, and never when it rolls back.
 */
@Component
class MessageNotifications implements SmartLifecycle {

    static final String CHANNEL = "raworc_messages";
    private static final Duration RECEIVE = Duration.ofMillis(500);
    private static final Duration RECONNECT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(MessageNotifications.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final MessageWaiters waiters;
    private volatile Thread listener;

    MessageNotifications(DataSource dataSource, MessageWaiters waiters) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.waiters = waiters;
    }

    /** Wakes this process's waiters after the commit, and announces the message to the others. */
    void announce(UUID sessionId) {
        waiters.wakeAfterCommit(sessionId);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(Set.of(sessionId));
            return;
        }
        @SuppressWarnings("unchecked")
        Set<UUID> pending = (Set<UUID>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Set<UUID> sessions = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(this, sessions);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    send(sessions);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResource(MessageNotifications.this);
                }
            });
            pending = sessions;
        }
        pending.add(sessionId);
    }

    private void send(Set<UUID> sessions) {
        jdbc.sql("SELECT pg_notify(:channel, id) FROM unnest(string_to_array(:ids, ',')) AS id")
                .param("channel", CHANNEL)
                .param("ids", String.join(",", sessions.stream().map(UUID::toString).toList()))
                .query().listOfRows();
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::listen, "message-notifications");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = listener;
        listener = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    private void listen() {
        while (listener == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // a message may have come while no one listened: let every held request look again
                waiters.wakeAll();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (listener == Thread.currentThread()) {
                    PGNotification[] received = notifications.getNotifications((int) RECEIVE.toMillis());
                    if (received != null) {
                        for (PGNotification notification : received) {
                            waiters.wake(UUID.fromString(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException e) {
                if (listener == Thread.currentThread()) {
                    log.warn("Lost the database connection that hears of new messages; reconnecting: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
