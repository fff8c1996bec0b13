package dev.raworc.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Waits until the read models ({@link ReadModelGroups}) have handled an event, wherever they run.
 * When this process's processors own every segment of those groups it waits in memory, as a single
 * box always does; otherwise (a command-only process, or segments split between query processes)
 * it polls the stored tokens. It gives up at once when a group has no live owner: no query process
 * runs, so nothing will catch up while the client waits.
 */
@Component
public class ReadModelWait {

    private static final long POLL_MILLIS = 20;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProjectionCatchUp local;
    private final StoredTokens stored;
    private final Duration claimTimeout;

    ReadModelWait(EventProcessingConfiguration processing, EventStore eventStore, ProjectionCatchUp local, DataSource dataSource,
                  Serializer serializer, @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.local = local;
        this.stored = new StoredTokens(dataSource, serializer);
        this.claimTimeout = claimTimeout;
    }

    /** The global index of the newest event stored so far; -1 before the first. */
    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** @return true when the read models handled the event in time, false when they lag behind */
    public boolean awaitEventsUpTo(long globalIndex, Duration timeout) {
        if (globalIndex < 0) {
            return true;
        }
        if (ownedHere()) {
            return local.awaitEventsUpTo(globalIndex, timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (;;) {
                Progress progress = progress(globalIndex);
                if (progress != Progress.BEHIND) {
                    return progress == Progress.HANDLED;
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private enum Progress { HANDLED, BEHIND, NO_OWNER }

    private Progress progress(long globalIndex) {
        List<StoredTokens.Segment> segments = stored.of(ReadModelGroups.ALL);
        Instant now = Instant.now();
        for (String group : ReadModelGroups.ALL) {
            if (segments.stream().noneMatch(s -> s.group().equals(group) && s.liveAt(now, claimTimeout))) {
                return Progress.NO_OWNER;
            }
        }
        boolean handled = segments.stream().allMatch(s -> ProjectionCatchUp.hasHandled(s.token(), globalIndex));
        return handled ? Progress.HANDLED : Progress.BEHIND;
    }

    /** This process's processors of every read-model group together cover the whole event stream. */
    private boolean ownedHere() {
        for (String group : ReadModelGroups.ALL) {
            Optional<StreamingEventProcessor> processor = processing.eventProcessor(group, StreamingEventProcessor.class);
            if (processor.isEmpty() || !coversAllSegments(processor.get())) {
                return false;
            }
        }
        return true;
    }

    /** A segment with mask m is one of m + 1 equal parts of the stream. */
    private static boolean coversAllSegments(StreamingEventProcessor processor) {
        double covered = 0;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            covered += 1.0 / (status.getSegment().getMask() + 1);
        }
        return covered > 0.999;
    }
}
