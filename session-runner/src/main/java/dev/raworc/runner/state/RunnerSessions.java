package dev.raworc.runner.state;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.SessionState;
import dev.raworc.runner.RunnerProperties;

/** Reads the runners' own state: {@code runner_sessions} and {@code runner_heartbeats}. */
@Component
public class RunnerSessions {

    private final JdbcClient jdbc;
    private final RunnerProperties properties;

    RunnerSessions(JdbcClient jdbc, RunnerProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** This runner's sessions; runner {@code default} also has the unplaced ones from before placement. */
    public List<SessionRow> mine() {
        return jdbc.sql("SELECT * FROM runner_sessions WHERE runner = :name OR (runner IS NULL AND :adopts)")
                .param("name", properties.name())
                .param("adopts", RunnerProperties.DEFAULT_NAME.equals(properties.name()))
                .query((rs, row) -> new SessionRow(rs.getObject("id", UUID.class), rs.getString("space"),
                        rs.getString("image"), SessionState.parse(rs.getString("state")).orElseThrow(),
                        rs.getString("state_reason"), rs.getString("runner"), rs.getBoolean("deleted"),
                        rs.getTimestamp("last_activity_at").toInstant(), rs.getLong("last_task_seq"),
                        rs.getLong("last_answered_seq")))
                .list();
    }

    /** Live sessions no runner has claimed: created while no runner ran, say. */
    public List<UUID> unplacedLive() {
        return jdbc.sql("SELECT id FROM runner_sessions WHERE runner IS NULL AND NOT deleted AND state IN ('init', 'idle', 'busy')")
                .query(UUID.class).list();
    }

    /** Live sessions placed on runners whose last heartbeat is older than {@code lostAfter}. */
    public List<UUID> liveOnLostRunners(Duration lostAfter) {
        return jdbc.sql("""
                SELECT s.id FROM runner_sessions s JOIN runner_heartbeats h ON h.runner = s.runner
                WHERE NOT s.deleted AND s.state IN ('init', 'idle', 'busy')
                  AND h.seen_at < now() - make_interval(secs => :seconds)""")
                .param("seconds", lostAfter.toMillis() / 1000.0)
                .query(UUID.class).list();
    }

    /** Records that this runner is alive now, with how many warm containers it holds ready. */
    public void beat(int warmMembers) {
        jdbc.sql("""
                INSERT INTO runner_heartbeats (runner, seen_at, warm_members) VALUES (:name, now(), :warm)
                ON CONFLICT (runner) DO UPDATE SET seen_at = now(), warm_members = :warm""")
                .param("name", properties.name()).param("warm", warmMembers).update();
    }

    /** Whether another live runner said, at its last heartbeat, that it holds warm containers ready. */
    public boolean othersHaveWarmMembers(Duration lostAfter) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM runner_heartbeats WHERE runner <> :name AND warm_members > 0
                               AND seen_at >= now() - make_interval(secs => :seconds))""")
                .param("name", properties.name()).param("seconds", lostAfter.toMillis() / 1000.0)
                .query(Boolean.class).single();
    }
}
