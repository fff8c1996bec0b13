package dev.raworc.runner.docker;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which Docker volume holds a session's {@code /session}: one named after the session, unless the
 * session took a warm container, whose volume it keeps ({@code runner_volumes}). A session's volume
 * never changes, so what is known is kept.
 */
@Component
public class SessionVolumes {

    private final JdbcClient jdbc;
    private final Map<UUID, String> known = new ConcurrentHashMap<>();

    SessionVolumes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The volume named after the session: every session's but those that took a warm container. */
    public static String named(UUID sessionId) {
        return "raworc-session-" + sessionId;
    }

    public String of(UUID sessionId) {
        return known.computeIfAbsent(sessionId, id -> jdbc.sql("SELECT volume FROM runner_volumes WHERE session_id = :id")
                .param("id", id).query(String.class).optional().orElse(named(id)));
    }

    /** The session whose {@code /session} a volume made for the warm pool now is. */
    Optional<UUID> sessionOf(String volume) {
        return jdbc.sql("SELECT session_id FROM runner_volumes WHERE volume = :volume").param("volume", volume)
                .query(UUID.class).optional();
    }

    void assign(UUID sessionId, String volume) {
        jdbc.sql("INSERT INTO runner_volumes (session_id, volume) VALUES (:id, :volume) ON CONFLICT (session_id) DO NOTHING")
                .param("id", sessionId).param("volume", volume).update();
        known.remove(sessionId);
    }

    void forget(UUID sessionId) {
        jdbc.sql("DELETE FROM runner_volumes WHERE session_id = :id").param("id", sessionId).update();
        known.remove(sessionId);
    }
}
