package dev.raworc.query.admin;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.platform.access.AdminOnly;
import dev.raworc.platform.axon.ProjectionCatchUp;
import dev.raworc.platform.axon.SegmentTakeover;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;

/**
 * {@code POST /admin/rebuild}: drops every read model of this process and rebuilds it from the
 * event store, answering once the projections have caught up again. Processors that must never
 * replay (the runner's) are left alone. While it runs, reads see partial data. Other query
 * processes lose their segments of the read models to this one and stand by.
 */
@RestController
class RebuildController {

    static final Duration CATCH_UP = Duration.ofMinutes(10);

    record Rebuild(List<String> processors, long durationMs) {
    }

    private final EventProcessingConfiguration processing;
    private final ProjectionCatchUp projections;
    private final SegmentTakeover takeover;

    RebuildController(EventProcessingConfiguration processing, ProjectionCatchUp projections, SegmentTakeover takeover) {
        this.processing = processing;
        this.projections = projections;
        this.takeover = takeover;
    }

    @PostMapping("/admin/rebuild")
    @AdminOnly
    @Operation(summary = "Rebuild every read model from the event store (administrators only)")
    synchronized Rebuild rebuild() {
        long started = System.nanoTime();
        List<StreamingEventProcessor> replayable = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(StreamingEventProcessor::supportsReset)
                .toList();
        replayable.forEach(StreamingEventProcessor::shutDown);
        takeover.takeOver(replayable.stream().map(StreamingEventProcessor::getName).toList());
        replayable.forEach(StreamingEventProcessor::resetTokens);
        replayable.forEach(StreamingEventProcessor::start);
        if (!projections.await(CATCH_UP)) {
            throw new ApiException(ErrorCode.INTERNAL_ERROR, "The read models did not catch up within " + CATCH_UP.toMinutes()
                    + " minutes; they keep rebuilding in the background");
        }
        return new Rebuild(replayable.stream().map(StreamingEventProcessor::getName).sorted().toList(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
