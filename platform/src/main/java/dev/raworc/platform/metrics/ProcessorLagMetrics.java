package dev.raworc.platform.metrics;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.raworc.platform.axon.ProcessorLag;

/**
 * {@code raworc_processor_lag_events} and {@code raworc_processor_lag_seconds} for each processing
 * group this process runs: how far it is behind the newest event, in global indexes and in the age
 * of the oldest event it has not handled. Registered once the processors exist.
 */
@Component
class ProcessorLagMetrics {

    private final MeterRegistry registry;
    private final EventProcessingConfiguration processing;
    private final ProcessorLag lag;

    ProcessorLagMetrics(MeterRegistry registry, EventProcessingConfiguration processing, ProcessorLag lag) {
        this.registry = registry;
        this.processing = processing;
        this.lag = lag;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        List<String> groups = processing.eventProcessors().keySet().stream().sorted().toList();
        for (String group : groups) {
            gauge("raworc.processor.lag.events", group, groups, behind -> behind.events(), null,
                    "Global indexes between the group's position and the newest event");
            gauge("raworc.processor.lag", group, groups, behind -> behind.time().toNanos() / 1e9, "seconds",
                    "Age of the oldest event the group has not handled; 0 when caught up");
        }
    }

    private void gauge(String name, String group, List<String> groups, ToDoubleFunction<ProcessorLag.Behind> value,
                       String unit, String description) {
        Gauge.builder(name, () -> lag.of(groups).stream().filter(behind -> behind.group().equals(group))
                        .mapToDouble(value).findFirst().orElse(Double.NaN))
                .tag("group", group)
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }
}
