package dev.raworc.query.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.raworc.platform.axon.ProcessorLag;
import dev.raworc.platform.axon.ProjectionCatchUp;
import dev.raworc.platform.axon.SegmentTakeover;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.query.admin.RebuildRecords.State;

/**
 * Runs rebuilds: resets every read model of this process (processors that must never replay, the
 * runner's, are left alone) and follows the replay in the background until the read models have
 * handled every event that was stored when it started. Other query processes lose their segments
 * to this one and stand by. One rebuild at a time across all processes, through {@code rebuilds}.
 */
@Component
class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** A running rebuild whose heartbeat is this old lost its process. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(15);
    /** A processor that stays in error this long fails the rebuild (it keeps retrying in the background). */
    static final Duration ERROR_LIMIT = Duration.ofSeconds(30);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProjectionCatchUp projections;
    private final SegmentTakeover takeover;
    private final RebuildRecords records;
    private final ProcessorLag lag;
    private final ExecutorService followers = Executors.newSingleThreadExecutor(daemonThreads());

    Rebuilds(EventProcessingConfiguration processing, EventStore eventStore, ProjectionCatchUp projections,
             SegmentTakeover takeover, RebuildRecords records, ProcessorLag lag) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.projections = projections;
        this.takeover = takeover;
        this.records = records;
        this.lag = lag;
    }

    /** Starts a rebuild; refused with 409 while another runs. */
    synchronized RebuildStatus start() {
        records.failAbandoned(ABANDONED_AFTER);
        List<StreamingEventProcessor> replayable = replayable();
        List<String> names = replayable.stream().map(StreamingEventProcessor::getName).sorted().toList();
        UUID id = UUID.randomUUID();
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? ProcessorLag.NOTHING_HANDLED : headToken.position().orElse(ProcessorLag.NOTHING_HANDLED);
        if (!records.start(id, names, head)) {
            throw new ApiException(ErrorCode.CONFLICT, "A rebuild is running already"
                    + records.running().map(running -> ": " + RebuildController.location(running)).orElse(""));
        }
        try {
            replayable.forEach(StreamingEventProcessor::shutDown);
            takeover.takeOver(names);
            replayable.forEach(StreamingEventProcessor::resetTokens);
            replayable.forEach(StreamingEventProcessor::start);
        } catch (RuntimeException e) {
            records.finish(id, State.FAILED, null, "The read models could not be reset: " + e.getMessage());
            throw e;
        }
        log.info("Rebuild {} of {} started, up to global index {}", id, names, head);
        followers.execute(() -> follow(id, head, replayable));
        return status(id).orElseThrow();
    }

    /** Waits until the rebuild is no longer running, or the time is up; its status then. */
    RebuildStatus awaitEnd(UUID id, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        RebuildStatus status = status(id).orElseThrow();
        while (status.state().equals(wire(State.RUNNING)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = status(id).orElseThrow();
        }
        return status;
    }

    Optional<RebuildStatus> status(UUID id) {
        records.failAbandoned(ABANDONED_AFTER);
        return records.find(id).map(row -> {
            List<ProcessorLag.Behind> groups = lag.now(row.processors());
            Instant end = row.finishedAt() != null ? row.finishedAt() : Instant.now();
            Duration took = Duration.between(row.startedAt(), end);
            long slowest = groups.stream().mapToLong(ProcessorLag.Behind::position).min().orElse(0);
            double rate = row.eventsPerSecond() != null ? row.eventsPerSecond() : perSecond(slowest, took);
            long head = groups.stream().mapToLong(group -> group.position() + group.events()).max().orElse(row.headAtStart());
            return new RebuildStatus(row.id(), wire(row.state()), row.startedAt(), row.finishedAt(), took.toMillis(),
                    row.processors(), row.headAtStart(), head,
                    groups.stream().map(group -> new RebuildStatus.Group(group.group(), group.position(), group.events())).toList(),
                    rate, row.error());
        });
    }

    private void follow(UUID id, long head, List<StreamingEventProcessor> replayable) {
        long started = System.nanoTime();
        Instant erringSince = null;
        try {
            while (!projections.awaitEventsUpTo(head, HEARTBEAT)) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // shutting down: the heartbeat stops and the rebuild counts as abandoned
                }
                records.beat(id);
                Optional<String> failing = failing(replayable);
                erringSince = failing.isEmpty() ? null : erringSince != null ? erringSince : Instant.now();
                if (erringSince != null && erringSince.plus(ERROR_LIMIT).isBefore(Instant.now())) {
                    records.finish(id, State.FAILED, null, failing.get());
                    log.warn("Rebuild {} failed: {}", id, failing.get());
                    return;
                }
            }
            double rate = perSecond(head, Duration.ofNanos(System.nanoTime() - started));
            records.finish(id, State.DONE, rate, null);
            log.info("Rebuild {} done: {} events per second", id, Math.round(rate));
        } catch (RuntimeException e) {
            records.finish(id, State.FAILED, null, "The rebuild stopped: " + e.getMessage());
            log.warn("Rebuild {} stopped", id, e);
        }
    }

    private static Optional<String> failing(List<StreamingEventProcessor> replayable) {
        for (StreamingEventProcessor processor : replayable) {
            for (EventTrackerStatus segment : processor.processingStatus().values()) {
                if (segment.isErrorState()) {
                    return Optional.of("Processor " + processor.getName() + " stopped on an error and keeps retrying: "
                            + segment.getError().getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private List<StreamingEventProcessor> replayable() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::supportsReset)
                .toList();
    }

    private static double perSecond(long events, Duration took) {
        return took.isZero() || events <= 0 ? 0 : events * 1e9 / took.toNanos();
    }

    private static String wire(State state) {
        return state.name().toLowerCase();
    }

    @PreDestroy
    void stop() {
        followers.shutdownNow();
    }

    private static CustomizableThreadFactory daemonThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("rebuild-");
        threads.setDaemon(true);
        return threads;
    }
}
