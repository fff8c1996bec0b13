package dev.raworc.command.session;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.session.ClearMessagesCommand;
import dev.raworc.api.session.MessageReceipt;
import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.MessageView;
import dev.raworc.api.session.PostMessageCommand;
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

/** The writes of a session's messages. */
@CommandEndpoint
@RestController
class MessageController {

    record PostRequest(String role, @NotNull String content, Map<String, Object> metadata) {
    }

    private final Writes writes;
    private final SessionTargets sessions;
    private final PermissionEvaluator permissions;

    MessageController(Writes writes, SessionTargets sessions, PermissionEvaluator permissions) {
        this.writes = writes;
        this.sessions = sessions;
        this.permissions = permissions;
    }

    /**
     * Posts a message; the session numbers it. Only the session's agent (a credential that may
     * update the session's state) or an admin posts AGENT messages. The answer is made from the
     * command and its receipt rather than read back: it is what the read model shows once the
     * write returns.
     */
    @PostMapping("/sessions/{id}/messages")
    @RequiresPermission(resource = Resource.MESSAGES, verb = Verb.CREATE)
    @Operation(summary = "Post a message; a USER message to an idle session makes it busy")
    ResponseEntity<MessageView> post(@PathVariable String id, @Valid @RequestBody PostRequest request,
                                     @AuthenticationPrincipal AuthenticatedAccount caller) {
        MessageRole role = request.role() == null ? MessageRole.USER : MessageRole.parse(request.role())
                .orElseThrow(() -> ApiException.invalidField("role", "must be one of user, agent, system"));
        if (request.content().getBytes(StandardCharsets.UTF_8).length > PostMessageCommand.MAX_CONTENT_BYTES) {
            throw ApiException.invalidField("content", "must be at most 1 MiB");
        }
        SessionTargets.SessionRef session = sessions.live(id);
        if (role == MessageRole.AGENT) {
            permissions.of(caller).require(Resource.SESSIONS, Verb.UPDATE_STATE,
                    new Target(session.space(), session.id().toString()));
        }
        UUID messageId = UUID.randomUUID();
        Map<String, Object> metadata = request.metadata() == null ? Map.of() : request.metadata();
        MessageReceipt receipt = writes.send(new PostMessageCommand(session.id(), messageId, role, request.content(), metadata));
        // the message as the read model shows it, which stores the event's time to the millisecond
        MessageView posted = new MessageView(messageId, session.id(), receipt.seq(), role.wireName(), request.content(),
                metadata, caller.user(), receipt.postedAt().truncatedTo(ChronoUnit.MILLIS));
        return ResponseEntity.created(URI.create("/api/v0/sessions/" + session.id() + "/messages?after_seq="
                + (posted.seq() - 1) + "&limit=1")).body(posted);
    }

    @DeleteMapping("/sessions/{id}/messages")
    @RequiresPermission(resource = Resource.MESSAGES, verb = Verb.DELETE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Clear the conversation from the session's view; the audit history keeps it")
    void clear(@PathVariable String id) {
        writes.send(new ClearMessagesCommand(sessions.live(id).id()));
    }

}
