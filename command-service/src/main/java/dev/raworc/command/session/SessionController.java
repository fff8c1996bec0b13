package dev.raworc.command.session;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.Names;
import dev.raworc.api.session.ChangeSessionStateCommand;
import dev.raworc.api.session.CloseSessionCommand;
import dev.raworc.api.session.CreateSessionCommand;
import dev.raworc.api.session.DeleteSessionCommand;
import dev.raworc.api.session.RemixSessionCommand;
import dev.raworc.api.session.RestoreSessionCommand;
import dev.raworc.api.session.SessionState;
import dev.raworc.api.session.SessionView;
import dev.raworc.api.session.UpdateSessionCommand;
import dev.raworc.command.AggregateViews;
import dev.raworc.command.space.ActiveSpaces;
import dev.raworc.platform.RaworcProperties;
import dev.raworc.platform.access.PermissionEvaluator;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.Target;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.axon.Writes;
import dev.raworc.platform.security.AuthenticatedAccount;
import dev.raworc.platform.web.ApiException;

import dev.raworc.command.CommandEndpoint;

/** The writes of {@code /sessions}: create, change, close, restore, remix, delete. */
@CommandEndpoint
@RestController
class SessionController {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";

    record CreateRequest(@Pattern(regexp = NAME, message = Names.NAME_RULE) String name, String space,
                         Map<String, Object> metadata, @Size(min = 1, max = 255) String image) {
        static final CreateRequest EMPTY = new CreateRequest(null, null, null, null);
    }

    record UpdateRequest(@Pattern(regexp = NAME, message = Names.NAME_RULE) String name, Map<String, Object> metadata) {
    }

    record StateRequest(@NotNull String state, @Size(max = 1024) String reason) {
    }

    /**
     * {@code new_session_metadata} is what the 0.2 command-line client sends for {@code metadata};
     * {@code forked_from_message_seq}, the field the session shows, is accepted for {@code up_to_message_seq}.
     */
    record RemixRequest(@Pattern(regexp = NAME, message = Names.NAME_RULE) String name, Map<String, Object> metadata,
                        Map<String, Object> newSessionMetadata, Long upToMessageSeq, Long forkedFromMessageSeq,
                        Boolean copyMessages, Boolean copyData) {
        static final RemixRequest EMPTY = new RemixRequest(null, null, null, null, null, null, null);

        Long forkPoint() {
            return upToMessageSeq != null ? upToMessageSeq : forkedFromMessageSeq;
        }
    }

    private final Writes writes;
    private final SessionTargets sessions;
    private final PermissionEvaluator permissions;
    private final RaworcProperties properties;
    private final AggregateViews views;
    private final ActiveSpaces activeSpaces;

    SessionController(Writes writes, SessionTargets sessions, PermissionEvaluator permissions, RaworcProperties properties,
                      AggregateViews views, ActiveSpaces activeSpaces) {
        this.writes = writes;
        this.views = views;
        this.sessions = sessions;
        this.permissions = permissions;
        this.properties = properties;
        this.activeSpaces = activeSpaces;
    }

    @PostMapping("/sessions")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.CREATE, checkedByHandler = true)
    @Operation(summary = "Create a session (state init); the body is optional")
    ResponseEntity<SessionView> create(@Valid @RequestBody(required = false) CreateRequest body,
                                       @AuthenticationPrincipal AuthenticatedAccount caller) {
        CreateRequest request = body == null ? CreateRequest.EMPTY : body;
        String space = request.space() == null ? Names.DEFAULT_SPACE : request.space();
        permissions.of(caller).require(Resource.SESSIONS, Verb.CREATE, new Target(space, null));
        requireActiveSpace(space);
        UUID id = UUID.randomUUID();
        writes.send(new CreateSessionCommand(id, request.name(), space,
                request.image() == null ? properties.defaultImage() : request.image(),
                request.metadata() == null ? Map.of() : request.metadata()));
        SessionView created = view(id);
        return ResponseEntity.created(URI.create("/api/v0/sessions/" + id)).body(created);
    }

    @PutMapping("/sessions/{id}")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.UPDATE)
    @Operation(summary = "Rename a session or replace its metadata")
    SessionView update(@PathVariable String id, @Valid @RequestBody UpdateRequest request) {
        UUID session = sessions.live(id).id();
        writes.send(new UpdateSessionCommand(session, request.name(), request.metadata()));
        return view(session);
    }

    @PutMapping("/sessions/{id}/state")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.UPDATE_STATE)
    @Operation(summary = "Move a session along its lifecycle (runner and agent credentials, admin)")
    SessionView changeState(@PathVariable String id, @Valid @RequestBody StateRequest request) {
        SessionState state = SessionState.parse(request.state()).orElseThrow(() -> ApiException.invalidField(
                "state", "must be one of init, idle, busy, closed, errored"));
        UUID session = sessions.live(id).id();
        writes.send(new ChangeSessionStateCommand(session, state, request.reason()));
        return view(session);
    }

    @PostMapping("/sessions/{id}/close")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.UPDATE)
    @Operation(summary = "Close a session: its container stops, its data stays. Idempotent")
    SessionView close(@PathVariable String id, @RequestBody(required = false) Map<String, Object> ignored) {
        UUID session = sessions.live(id).id();
        writes.send(new CloseSessionCommand(session));
        return view(session);
    }

    @PostMapping("/sessions/{id}/restore")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.UPDATE)
    @Operation(summary = "Restore a closed or errored session (state init until its container is ready). Idempotent")
    SessionView restore(@PathVariable String id, @RequestBody(required = false) Map<String, Object> ignored) {
        UUID session = sessions.live(id).id();
        writes.send(new RestoreSessionCommand(session));
        return view(session);
    }

    @PostMapping("/sessions/{id}/remix")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.CREATE)
    @Operation(summary = "Fork a session: a new session whose history begins as the parent's, up to a message")
    ResponseEntity<SessionView> remix(@PathVariable String id, @Valid @RequestBody(required = false) RemixRequest body) {
        RemixRequest request = body == null ? RemixRequest.EMPTY : body;
        UUID parent = sessions.live(id).id();
        UUID child = UUID.randomUUID();
        writes.send(new RemixSessionCommand(parent, child, request.name(),
                request.metadata() != null ? request.metadata() : request.newSessionMetadata(),
                request.forkPoint(), request.copyMessages() == null || request.copyMessages(),
                request.copyData() == null || request.copyData()));
        SessionView created = view(child);
        return ResponseEntity.created(URI.create("/api/v0/sessions/" + child)).body(created);
    }

    @DeleteMapping("/sessions/{id}")
    @RequiresPermission(resource = Resource.SESSIONS, verb = Verb.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a session with its container and volume; its audit history stays")
    void delete(@PathVariable String id) {
        writes.send(new DeleteSessionCommand(sessions.live(id).id()));
    }

    /** The session as the write left it, from the aggregate: the answer needs no read model. */
    private SessionView view(UUID session) {
        return views.view(Session.class, session, Session::view);
    }

    private void requireActiveSpace(String space) {
        switch (activeSpaces.of(space)) {
            case MISSING -> throw ApiException.invalidField("space", "no space named '" + space + "'");
            case INACTIVE -> throw DomainException.conflict("Space '" + space + "' is deactivated");
            case ACTIVE -> { }
        }
    }
}
