package dev.raworc.platform.axon;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Waits until this process's streaming processors have handled every event stored so far. Writes
 * use it to answer only once their own projections show the change (read-your-writes), and tests
 * use it instead of sleeping.
 */
@Component
public class ProjectionCatchUp {

    private static final long POLL_NANOS = Duration.ofMillis(1).toNanos();

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProjectionCatchUp(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** @return true when caught up within the timeout, false when the timeout passed first */
    public boolean await(Duration timeout) {
        TrackingToken head = eventStore.createHeadToken();
        if (head == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUpWith(head)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private boolean caughtUpWith(TrackingToken head) {
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList()) {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            if (segments.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : segments.values()) {
                TrackingToken position = segment.getTrackingToken();
                if (segment.isErrorState() || position == null || !position.covers(head)) {
                    return false;
                }
            }
        }
        return true;
    }
}
