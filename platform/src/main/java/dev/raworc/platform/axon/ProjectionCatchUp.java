package dev.raworc.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Waits until this process's read models (the processors that may replay; not the runner, whose
 * handlers only queue container work) have handled a given event, and with it every event that
 * committed before it. Writes use it (through {@link ReadModelWait}, when this process runs the
 * read models) to answer only once the projections show their events (read-your-writes), and tests
 * use it instead of sleeping. A read model's position may still
 * wait for lower global indexes taken by transactions that had not committed then (gaps); those
 * are other writers' events or ones that never commit, so no wait depends on them. Waiters sleep
 * until a processor reports progress.
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

    /**
     * Waits until the read models have handled the newest event stored so far.
     *
     * @return true when caught up within the timeout, false when the timeout passed first
     */
    public boolean await(Duration timeout) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null || head.position().isEmpty() || awaitEventsUpTo(head.position().getAsLong(), timeout);
    }

    /**
     * Waits until the read models have handled the event at this global index.
     *
     * @return true when caught up within the timeout, false when the timeout passed first
     */
    public boolean awaitEventsUpTo(long globalIndex, Duration timeout) {
        List<StreamingEventProcessor> readModels = readModels();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (long seen = progress.changes(); !allHandled(globalIndex, readModels); seen = progress.changes()) {
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

    private static boolean allHandled(long globalIndex, List<StreamingEventProcessor> readModels) {
        for (StreamingEventProcessor processor : readModels) {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            if (segments.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : segments.values()) {
                if (segment.isErrorState() || !hasHandled(segment.getTrackingToken(), globalIndex)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A position past the event that does not still wait for it. Every event that committed
     * before it was stored by then, so one read found them together.
     */
    static boolean hasHandled(TrackingToken position, long globalIndex) {
        TrackingToken current = WrappedToken.unwrapLowerBound(position);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        return current != null && current.position().orElse(Long.MIN_VALUE) >= globalIndex;
    }
}
