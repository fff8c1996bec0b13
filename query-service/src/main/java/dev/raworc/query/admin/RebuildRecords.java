package dev.raworc.query.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code rebuilds} table: what each rebuild is doing, shared by every query process. */
@Component
class RebuildRecords {

    enum State { RUNNING, DONE, FAILED }

    record Row(UUID id, State state, List<String> processors, long headAtStart, Instant startedAt, Instant finishedAt,
               Double eventsPerSecond, String error) {
    }

    private final JdbcClient jdbc;

    RebuildRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new running rebuild; false when one runs already. */
    boolean start(UUID id, List<String> processors, long headAtStart) {
        try {
            jdbc.sql("""
                    INSERT INTO rebuilds (id, state, processors, head_at_start, started_at, heartbeat_at)
                    VALUES (:id, 'running', :processors, :head, now(), now())""")
                    .param("id", id).param("processors", String.join(",", processors)).param("head", headAtStart)
                    .update();
            return true;
        } catch (DuplicateKeyException oneRuns) {
            return false;
        }
    }

    Optional<UUID> running() {
        return jdbc.sql("SELECT id FROM rebuilds WHERE state = 'running'").query(UUID.class).optional();
    }

    void beat(UUID id) {
        jdbc.sql("UPDATE rebuilds SET heartbeat_at = now() WHERE id = :id AND state = 'running'").param("id", id).update();
    }

    void finish(UUID id, State state, Double eventsPerSecond, String error) {
        jdbc.sql("""
                UPDATE rebuilds SET state = :state, finished_at = now(), events_per_second = :rate, error = :error
                WHERE id = :id AND state = 'running'""")
                .param("id", id).param("state", state.name().toLowerCase()).param("rate", eventsPerSecond)
                .param("error", error).update();
    }

    /** Fails running rebuilds whose process has not renewed their heartbeat for this long: it stopped. */
    void failAbandoned(Duration after) {
        jdbc.sql("""
                UPDATE rebuilds SET state = 'failed', finished_at = heartbeat_at,
                    error = 'The process running it stopped before the read models caught up'
                WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => :seconds)""")
                .param("seconds", after.toMillis() / 1000.0).update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT * FROM rebuilds WHERE id = :id").param("id", id).query(RebuildRecords::row).optional();
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new Row(rs.getObject("id", UUID.class), State.valueOf(rs.getString("state").toUpperCase()),
                Arrays.asList(rs.getString("processors").split(",")), rs.getLong("head_at_start"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getObject("events_per_second", Double.class), rs.getString("error"));
    }
}
