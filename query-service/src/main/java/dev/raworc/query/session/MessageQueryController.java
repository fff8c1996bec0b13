package dev.raworc.query.session;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import dev.raworc.api.session.MessageRole;
import dev.raworc.api.session.MessageView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SessionTargets;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * The reads of a session's messages. With {@code after_seq} and {@code wait}, a request that finds
 * nothing newer is held open (without a thread) until a newer message is projected or the wait
 * ends, so agents and clients need not poll in a loop.
 */
@RestController
class MessageQueryController {

    static final int MAX_WAIT_SECONDS = 60;

    /** The session's counted messages. */
    record MessageCount(UUID sessionId, long count) {
    }

    private final MessageViews views;
    private final SessionTargets sessions;
    private final MessageWaiters waiters;

    MessageQueryController(MessageViews views, SessionTargets sessions, MessageWaiters waiters) {
        this.views = views;
        this.sessions = sessions;
        this.waiters = waiters;
    }

    @GetMapping("/sessions/{id}/messages")
    @RequiresPermission(resource = Resource.MESSAGES, verb = Verb.LIST)
    @Operation(summary = "A session's messages, oldest first; after_seq, role and wait (long polling, ≤ 60 s)")
    DeferredResult<Page<MessageView>> list(@PathVariable String id,
                                           @RequestParam(name = "after_seq", required = false) Long afterSeq,
                                           @RequestParam(required = false) String role,
                                           @RequestParam(required = false) Integer wait,
                                           ListScope scope, PageRequest page) {
        UUID session = visibleSession(id, scope);
        String roleFilter = roleFilter(role);
        if (wait != null && (wait < 0 || wait > MAX_WAIT_SECONDS)) {
            throw new ApiException(ErrorCode.BAD_REQUEST,
                    "Query parameter 'wait' must be between 0 and " + MAX_WAIT_SECONDS + " seconds");
        }
        Page<MessageView> now = views.list(session, afterSeq, roleFilter, page);
        long waitMillis = wait == null || afterSeq == null ? 0 : wait * 1000L;
        DeferredResult<Page<MessageView>> result = new DeferredResult<>(waitMillis == 0 ? null : waitMillis);
        if (!now.items().isEmpty() || waitMillis == 0) {
            result.setResult(now);
            return result;
        }
        Runnable answerNow = () -> result.setResult(views.list(session, afterSeq, roleFilter, page));
        MessageWaiters.Waiter waiter = new MessageWaiters.Waiter(() -> {
            Page<MessageView> newer = views.list(session, afterSeq, roleFilter, page);
            if (!newer.items().isEmpty()) {
                result.setResult(newer);
            }
        }, answerNow);
        result.onTimeout(answerNow);
        result.onCompletion(() -> waiters.remove(session, waiter));
        waiters.add(session, waiter);
        waiter.wake().run(); // a message projected between the first read and registering is not missed
        return result;
    }

    @GetMapping("/sessions/{id}/messages/count")
    @RequiresPermission(resource = Resource.MESSAGES, verb = Verb.LIST)
    @Operation(summary = "How many messages the session shows (role= filters)")
    MessageCount count(@PathVariable String id, @RequestParam(required = false) String role, ListScope scope) {
        UUID session = visibleSession(id, scope);
        return new MessageCount(session, views.count(session, roleFilter(role)));
    }

    private UUID visibleSession(String id, ListScope scope) {
        SessionTargets.SessionRef session = sessions.live(id);
        if (!scope.allows(session.space(), session.id().toString())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Not permitted to list messages in space '" + session.space() + "'");
        }
        return session.id();
    }

    private static String roleFilter(String role) {
        return role == null ? null : MessageRole.parse(role).map(MessageRole::wireName)
                .orElseThrow(() -> SessionQueryController.badParameter("role", "user, agent or system"));
    }
}
