package dev.raworc.platform.access;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

    private final SessionDirectory directory;

    SessionTargets(SessionDirectory directory) {
        this.directory = directory;
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
        Optional<SessionRef> byId = Ids.parse(idOrName).flatMap(directory::byId);
        return byId.isPresent() ? byId : directory.liveByName(idOrName);
    }

    /** @throws DomainException (not found) unless a session that is not deleted has this id or name */
    public SessionRef live(String idOrName) {
        return find(idOrName).filter(session -> !session.deleted()).orElseThrow(() -> notFound(idOrName));
    }

    /** @see SessionDirectory#agentTokenValid */
    public boolean agentTokenValid(UUID sessionId, long issuedAtMillis) {
        return directory.agentTokenValid(sessionId, issuedAtMillis);
    }

    static DomainException notFound(String idOrName) {
        return DomainException.notFound("Session '" + idOrName + "' not found");
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
