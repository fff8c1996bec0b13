package dev.raworc.runner.session;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Sessions as their events record them, each kept folded in memory and brought up to date by
 * reading only the events stored since: the checkpoint after every task would otherwise read a
 * long session's whole history each time. The least recently read are dropped beyond
 * {@link #KEPT}, and folded again from the first event when read again.
 */
@Component
class RecordedSessions {

    static final int KEPT = 10_000;

    private final EventStore events;
    private final Map<UUID, RecordedSession.Fold> folds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, RecordedSession.Fold> eldest) {
            return size() > KEPT;
        }
    };

    RecordedSessions(EventStore events) {
        this.events = events;
    }

    RecordedSession read(UUID sessionId) {
        RecordedSession.Fold fold;
        synchronized (folds) {
            fold = folds.computeIfAbsent(sessionId, RecordedSession.Fold::new);
        }
        return fold.catchUp(events);
    }
}
