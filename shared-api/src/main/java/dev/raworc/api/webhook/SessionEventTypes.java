package dev.raworc.api.webhook;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.raworc.api.files.CheckpointRecordedEvent;
import dev.raworc.api.files.CheckpointsExpiredEvent;
import dev.raworc.api.files.FileDeletedEvent;
import dev.raworc.api.files.FilesWrittenEvent;
import dev.raworc.api.session.MessagePostedEvent;
import dev.raworc.api.session.MessagesClearedEvent;
import dev.raworc.api.session.SessionClosedEvent;
import dev.raworc.api.session.SessionCreatedEvent;
import dev.raworc.api.session.SessionDeletedEvent;
import dev.raworc.api.session.SessionForkedEvent;
import dev.raworc.api.session.SessionMetadataChangedEvent;
import dev.raworc.api.session.SessionPlacedEvent;
import dev.raworc.api.session.SessionReadyEvent;
import dev.raworc.api.session.SessionRenamedEvent;
import dev.raworc.api.session.SessionRestoredEvent;
import dev.raworc.api.session.SessionStateChangedEvent;

/**
 * The events of a session's history, which webhooks deliver: their names are what a webhook's
 * {@code event_types} may filter on, so a typo is refused instead of silently matching nothing.
 */
public final class SessionEventTypes {

    public static final List<Class<?>> CLASSES = List.of(SessionCreatedEvent.class, SessionForkedEvent.class,
            SessionPlacedEvent.class, SessionReadyEvent.class, SessionStateChangedEvent.class, SessionRenamedEvent.class,
            SessionMetadataChangedEvent.class, SessionClosedEvent.class, SessionRestoredEvent.class,
            SessionDeletedEvent.class, MessagePostedEvent.class, MessagesClearedEvent.class, FilesWrittenEvent.class,
            FileDeletedEvent.class, CheckpointRecordedEvent.class, CheckpointsExpiredEvent.class);

    public static final Set<String> NAMES = CLASSES.stream().map(Class::getSimpleName)
            .collect(Collectors.toUnmodifiableSet());

    private SessionEventTypes() {
    }

    public static boolean isSessionEvent(Class<?> payloadType) {
        return CLASSES.contains(payloadType);
    }
}
