package dev.raworc.query.session;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.session.FindSessionQuery;
import dev.raworc.api.session.SessionState;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.storage.Ids;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** The reads of {@code /sessions}: lists, one session (now or as of an instant), its audit history. */
@RestController
class SessionQueryController {

    private final SessionViews views;
    private final SessionHistory history;
    private final SessionTargets sessions;

    SessionQueryController(SessionViews views, SessionHistory history, SessionTargets sessions) {
        this.views = views;
        this.history = history;
        this.sessions = sessions;
    }

    @GetMapping("/sessions")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.LIST)
    @Operation(summary = "List sessions, newest first, filtered by state, space, created_by, parent_session_id or name")
    Page<?> list(@RequestParam(required = false) String state,
                 @RequestParam(required = false) String space,
                 @RequestParam(name = "workspace_name", required = false) String workspaceName,
                 @RequestParam(name = "created_by", required = false) String createdBy,
                 @RequestParam(name = "parent_session_id", required = false) String parentSessionId,
                 @RequestParam(required = false) String name,
                 ListScope scope, PageRequest page) {
        String stateFilter = state == null ? null : SessionState.parse(state).map(SessionState::wireName)
                .orElseThrow(() -> badParameter("state", "init, idle, busy, closed or errored"));
        UUID parent = parentSessionId == null ? null : Ids.parse(parentSessionId)
                .orElseThrow(() -> badParameter("parent_session_id", "a UUID"));
        return views.list(new SessionViews.Filter(stateFilter, space != null ? space : workspaceName, createdBy, parent, name),
                scope, page);
    }

    @GetMapping("/sessions/{id}")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.GET)
    @Operation(summary = "A session by id or name; with as_of, the session as it was at that instant")
    Object get(@PathVariable String id, @RequestParam(name = "as_of", required = false) String asOf) {
        UUID session = sessions.live(id).id();
        if (asOf == null) {
            return views.handle(new FindSessionQuery(session)).orElseThrow(() -> DomainException.notFound(
                    "Session '" + id + "' not found"));
        }
        Instant instant = parseInstant(asOf);
        return history.asOf(session, instant).orElseThrow(() -> DomainException.notFound(
                "Session '" + id + "' did not exist at " + asOf));
    }

    @GetMapping("/sessions/{id}/events")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.AUDIT)
    @Operation(summary = "The session's ordered event history, also after it was deleted")
    Page<SessionHistory.HistoryItem> events(@PathVariable String id, PageRequest page) {
        UUID session = sessions.find(id).orElseThrow(() -> DomainException.notFound("Session '" + id + "' not found")).id();
        return history.events(session, page);
    }

    private static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                throw badParameter("as_of", "an RFC 3339 time such as 2026-11-28T12:00:00.000Z");
            }
        }
    }

    static ApiException badParameter(String name, String expected) {
        return new ApiException(ErrorCode.BAD_REQUEST, "Query parameter '" + name + "' must be " + expected);
    }
}
