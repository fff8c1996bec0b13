package dev.raworc.query.stream;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.raworc.platform.stream.AgentOutputChannel;
import dev.raworc.platform.stream.AgentOutputChunk;

/**
 * Hears the agent output every runner publishes ({@link AgentOutputChannel}) on one connection of
 * its own, from the first stream that wants it on, and hands each chunk to the streams of its
 * session. Output published while the connection is being (re)opened is not heard.
 */
@Component
class AgentOutputListener {

    private static final Logger log = LoggerFactory.getLogger(AgentOutputListener.class);
    private static final int WAIT_MILLIS = 500;
    /** The key of listeners to every session's output. */
    private static final UUID EVERY_SESSION = new UUID(0, 0);

    private final DataSource dataSource;
    private final AgentOutputChannel channel;
    private final Map<UUID, Set<Consumer<AgentOutputChunk>>> listeners = new ConcurrentHashMap<>();
    private volatile Thread thread;
    private volatile boolean stopped;

    AgentOutputListener(DataSource dataSource, AgentOutputChannel channel) {
        this.dataSource = dataSource;
        this.channel = channel;
    }

    /**
     * @param sessionId the session whose output to hear, or null for every session's
     * @return what ends the subscription
     */
    Runnable subscribe(UUID sessionId, Consumer<AgentOutputChunk> listener) {
        UUID key = sessionId != null ? sessionId : EVERY_SESSION;
        listeners.computeIfAbsent(key, id -> ConcurrentHashMap.newKeySet()).add(listener);
        ensureListening();
        return () -> listeners.computeIfPresent(key, (id, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    private synchronized void ensureListening() {
        if (thread == null && !stopped) {
            thread = new Thread(this::listen, "agent-output-listener");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void listen() {
        while (!stopped) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("LISTEN " + AgentOutputChannel.NAME);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (!stopped) {
                    PGNotification[] received = postgres.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopped) {
                    log.warn("Listening for agent output failed; listening again in 1 s: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void dispatch(String payload) {
        AgentOutputChunk chunk = channel.read(payload);
        for (UUID key : new UUID[] {chunk.sessionId(), EVERY_SESSION}) {
            Set<Consumer<AgentOutputChunk>> forKey = listeners.get(key);
            if (forKey != null) {
                forKey.forEach(listener -> listener.accept(chunk));
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }
}
