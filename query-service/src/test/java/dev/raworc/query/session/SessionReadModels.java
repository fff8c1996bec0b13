package dev.raworc.query.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.raworc.api.MetaDataKeys;
import dev.raworc.platform.testing.TestDatabase;

/**
 * The sessions and messages projections, handed each event as their processors hand it: with its
 * time and principal, to every handler of its type, the sessions projection first.
 */
final class SessionReadModels {

    private final SessionProjection sessions;
    private final MessageProjection messages;
    private final List<AnnotationEventHandlerAdapter> handlers;

    SessionReadModels(MessageWaiters waiters) {
        NamedParameterJdbcTemplate template = new NamedParameterJdbcTemplate(TestDatabase.dataSource());
        sessions = new SessionProjection(template);
        messages = new MessageProjection(template, new MessageNotifications(TestDatabase.dataSource(), waiters));
        handlers = List.of(new AnnotationEventHandlerAdapter(sessions), new AnnotationEventHandlerAdapter(messages));
    }

    SessionReadModels() {
        this(new MessageWaiters());
    }

    void on(Object event) {
        on(event, Instant.now(), null);
    }

    void on(Object event, Instant at) {
        on(event, at, null);
    }

    void on(Object event, Instant at, String principal) {
        MetaData metaData = principal == null ? MetaData.emptyInstance() : MetaData.with(MetaDataKeys.PRINCIPAL, principal);
        EventMessage<?> message = new GenericEventMessage<>(UUID.randomUUID().toString(), event, metaData, at);
        boolean handled = false;
        for (AnnotationEventHandlerAdapter handler : handlers) {
            if (handler.canHandle(message)) {
                try {
                    handler.handle(message);
                } catch (Exception e) {
                    throw new IllegalStateException("Handling " + event + " failed", e);
                }
                handled = true;
            }
        }
        if (!handled) {
            throw new IllegalArgumentException("No session read model handles " + event.getClass().getSimpleName());
        }
    }

    void reset() {
        sessions.reset();
        messages.reset();
    }
}
