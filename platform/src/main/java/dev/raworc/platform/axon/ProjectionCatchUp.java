package dev.raworc.platform.axon;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Waits until this process's read models (the processors that may replay; not the runner, whose
 * handlers only queue container work) have handled every event stored so far, or every event up
 * to a given one. Writes use it to answer only once their own projections show their events
 * (read-your-writes), and tests use it instead of sleeping. Waiters sleep until a processor reports progress.
 */
@Component
public class ProjectionCatchUp {

    /** A bound on each sleep, in case a change was reported in a way that is not a status change. */
    private static final long RECHECK_NANOS = Duration.ofMillis(50).toNanos();

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProcessorProgress progress;

    ProjectionCatchUp(EventProcessingConfiguration processing, EventStore eventStore, ProcessorProgress progress) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.progress = progress;
    }

    /** @return true when caught up within the timeout, false when the timeout passed first */
    public boolean await(Duration timeout) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null || awaitPosition(head, timeout);
    }

    /**
     * Waits until the read models have handled the event at this global index and every event
     * before it (or given up waiting for one that never committed, as their gap rules say).
     *
     * @return true when caught up within the timeout, false when the timeout passed first
     */
    public boolean awaitEventsUpTo(long globalIndex, Duration timeout) {
        return awaitPosition(GapAwareTrackingToken.newInstance(globalIndex, Collections.emptySortedSet()), timeout);
    }

    private boolean awaitPosition(TrackingToken position, Duration timeout) {
        List<StreamingEventProcessor> readModels = readModels();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long seen = progress.changes(); !caughtUpWith(position, readModels); seen = progress.changes()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.awaitChangeAfter(seen, Math.min(left, RECHECK_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private List<StreamingEventProcessor> readModels() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::supportsReset)
                .toList();
    }

    private static boolean caughtUpWith(TrackingToken head, List<StreamingEventProcessor> readModels) {
        for (StreamingEventProcessor processor : readModels) {
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
