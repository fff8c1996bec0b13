package dev.raworc.query.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.raworc.platform.access.SessionDirectory;
import dev.raworc.platform.access.SessionTargets.SessionRef;

/** Sessions as the query side's {@code sessions} read model knows them. */
@Component
class ReadModelSessionDirectory implements SessionDirectory {

    private final JdbcClient jdbc;

    ReadModelSessionDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<SessionRef> byId(UUID id) {
        return jdbc.sql("SELECT id, space, deleted_at IS NOT NULL AS deleted FROM sessions WHERE id = :id")
                .param("id", id).query(ReadModelSessionDirectory::map).optional();
    }

    @Override
    public Optional<SessionRef> liveByName(String name) {
        return jdbc.sql("SELECT id, space, FALSE AS deleted FROM sessions WHERE name = :name AND deleted_at IS NULL")
                .param("name", name).query(ReadModelSessionDirectory::map).optional();
    }

    @Override
    public boolean agentTokenValid(UUID sessionId, long issuedAtMillis) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM sessions WHERE id = :id AND deleted_at IS NULL
                    AND state IN ('init', 'idle', 'busy')
                    AND (closed_at IS NULL OR closed_at < :issued))""")
                .param("id", sessionId)
                .param("issued", Timestamp.from(Instant.ofEpochMilli(issuedAtMillis)))
                .query(Boolean.class).single();
    }

    private static SessionRef map(ResultSet rs, int row) throws SQLException {
        return new SessionRef(rs.getObject("id", UUID.class), rs.getString("space"), rs.getBoolean("deleted"));
    }
}
