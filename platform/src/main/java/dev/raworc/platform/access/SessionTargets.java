package dev.raworc.platform.access;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import dev.raworc.api.DomainException;
import dev.raworc.platform.storage.Ids;

/**
 * {@code /sessions/{id}…}: a session, named by id or name, lives in its space; its messages live
 * there too. Resource names of sessions are their ids.
 */
@Component
public class SessionTargets {

    /** A session as permissions and addressing see it. */
    public record SessionRef(UUID id, String space, boolean deleted) {
    }

    private static final String FOUND_IN_REQUEST = SessionTargets.class.getName() + ".found:";

    private final JdbcClient jdbc;

    SessionTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The session named by id or name; a deleted one is found by id only. Within an HTTP request
     * the first answer is kept: the permission check and the handler ask for the same session, and
     * the handler acts on the session the check allowed.
     */
    public Optional<SessionRef> find(String idOrName) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return lookUp(idOrName);
        }
        String key = FOUND_IN_REQUEST + idOrName;
        @SuppressWarnings("unchecked")
        Optional<SessionRef> found = (Optional<SessionRef>) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
        if (found == null) {
            found = lookUp(idOrName);
            request.setAttribute(key, found, RequestAttributes.SCOPE_REQUEST);
        }
        return found;
    }

    private Optional<SessionRef> lookUp(String idOrName) {
        Optional<SessionRef> byId = Ids.parse(idOrName).flatMap(id -> jdbc
                .sql("SELECT id, space, deleted_at IS NOT NULL AS deleted FROM sessions WHERE id = :id")
                .param("id", id).query(SessionTargets::map).optional());
        return byId.isPresent() ? byId : jdbc
                .sql("SELECT id, space, FALSE AS deleted FROM sessions WHERE name = :name AND deleted_at IS NULL")
                .param("name", idOrName).query(SessionTargets::map).optional();
    }

    /** @throws DomainException (not found) unless a session that is not deleted has this id or name */
    public SessionRef live(String idOrName) {
        return find(idOrName).filter(session -> !session.deleted()).orElseThrow(() -> notFound(idOrName));
    }

    /**
     * Whether a session agent's token still holds: the session is live and not deleted, and the
     * token was issued after the session's last close (a restored session's agent gets a new one).
     */
    public boolean agentTokenValid(UUID sessionId, long issuedAtMillis) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM sessions WHERE id = :id AND deleted_at IS NULL
                    AND state IN ('init', 'idle', 'busy')
                    AND (closed_at IS NULL OR closed_at < :issued))""")
                .param("id", sessionId)
                .param("issued", java.sql.Timestamp.from(java.time.Instant.ofEpochMilli(issuedAtMillis)))
                .query(Boolean.class).single();
    }

    static DomainException notFound(String idOrName) {
        return DomainException.notFound("Session '" + idOrName + "' not found");
    }

    private static SessionRef map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new SessionRef(rs.getObject("id", UUID.class), rs.getString("space"), rs.getBoolean("deleted"));
    }

    private Target target(Map<String, String> pathVariables) {
        String id = pathVariables.get("id");
        if (id == null) {
            return Target.NONE;
        }
        SessionRef session = find(id).orElseThrow(() -> notFound(id));
        return new Target(session.space(), session.id().toString());
    }

    @Component
    static class Sessions implements TargetResolver {

        private final SessionTargets targets;

        Sessions(SessionTargets targets) {
            this.targets = targets;
        }

        @Override
        public Resource resource() {
            return Resource.SESSIONS;
        }

        @Override
        public Target resolve(Map<String, String> pathVariables, Map<String, String[]> queryParameters) {
            return targets.target(pathVariables);
        }
    }

    @Component
    static class Messages implements TargetResolver {

        private final SessionTargets targets;

        Messages(SessionTargets targets) {
            this.targets = targets;
        }

        @Override
        public Resource resource() {
            return Resource.MESSAGES;
        }

        @Override
        public Target resolve(Map<String, String> pathVariables, Map<String, String[]> queryParameters) {
            return targets.target(pathVariables);
        }
    }
}
