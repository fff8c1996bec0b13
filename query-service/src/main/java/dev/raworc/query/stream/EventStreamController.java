package dev.raworc.query.stream;

import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.raworc.api.DomainException;
import dev.raworc.platform.access.CallerPermissions;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.ErrorEnvelope;

/**
 * Server-Sent Events of sessions as they happen: {@code id:} is the event's position, which a
 * reconnect sends back ({@code Last-Event-ID}, or {@code ?after=}) to resume with no gap and no
 * duplicate; agent output arrives as {@code output} events while a task runs.
 */
@RestController
class EventStreamController {

    static final String STREAM_FORMAT = """
            Each event: `id:` its position, `data:` {position, session_id, seq, type, occurred_at, principal, data}. \
            Agent output: `event: output`, `data:` {session_id, task_seq, stream, text}, no id. Resume with \
            `Last-Event-ID` or `?after=<position>` (`-1`: the start of the log). `:heartbeat` comments keep it open; \
            `event: revoked` ends it once the token or permission no longer holds.""";

    private final EventStreams streams;
    private final SessionTargets sessions;
    private final PermissionEvaluator permissions;

    EventStreamController(EventStreams streams, SessionTargets sessions, PermissionEvaluator permissions) {
        this.streams = streams;
        this.sessions = sessions;
        this.permissions = permissions;
    }

    @GetMapping(path = "/sessions/{id}/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.AUDIT)
    @Operation(summary = "Follow a session's events as they are stored, and its agent's output while it works (SSE)",
            description = STREAM_FORMAT)
    SseEmitter session(@PathVariable String id, @RequestParam(required = false) String after,
                       @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
        SessionTargets.SessionRef session = sessions.find(id)
                .orElseThrow(() -> DomainException.notFound("Session '" + id + "' not found"));
        return streams.open(StreamScope.session(session.id(), session.space(), sessions), position(after, lastEventId),
                caller(), request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @GetMapping(path = "/spaces/{name}/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission(resource = Resource.SPACES, verb = Verb.GET)
    @Operation(summary = "Follow the events of every session of a space the caller may audit, and their agents' output (SSE)",
            description = STREAM_FORMAT)
    SseEmitter space(@PathVariable String name, @RequestParam(required = false) String after,
                     @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
        CallerPermissions caller = caller();
        if (!caller.allowsSomewhereIn(Resource.SESSIONS, Verb.AUDIT, name)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Not permitted to audit sessions in space '" + name + "'");
        }
        return streams.open(StreamScope.space(name, sessions), position(after, lastEventId), caller,
                request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<ErrorEnvelope> tooMany(TooManyStreamsException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.of(ErrorCode.INTERNAL_ERROR, e.getMessage()));
    }

    /** {@code ?after=} wins over the header: a client that names a position means it. */
    private static Optional<StreamPosition> position(String after, String lastEventId) {
        String given = after != null ? after : lastEventId;
        return given == null || given.isBlank() ? Optional.empty() : Optional.of(StreamPosition.parse(given));
    }

    private CallerPermissions caller() {
        return permissions.of((AuthenticatedAccount) SecurityContextHolder.getContext().getAuthentication().getPrincipal());
    }
}
