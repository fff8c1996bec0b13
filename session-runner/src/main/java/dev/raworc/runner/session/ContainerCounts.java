package dev.raworc.runner.session;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.dockerjava.api.model.Container;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code raworc_runner_containers{state="running"|"stopped"}}: this runner's session containers as
 * the reconciler last listed them (every few seconds), so a scrape never waits for Docker.
 */
@Component
class ContainerCounts {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger stopped = new AtomicInteger();

    ContainerCounts(MeterRegistry registry) {
        register(registry, "running", running);
        register(registry, "stopped", stopped);
    }

    void seen(List<Container> containers) {
        int up = (int) containers.stream().filter(container -> "running".equals(container.getState())).count();
        running.set(up);
        stopped.set(containers.size() - up);
    }

    private static void register(MeterRegistry registry, String state, AtomicInteger count) {
        Gauge.builder("raworc.runner.containers", count, AtomicInteger::get)
                .description("This runner's session containers")
                .tag("state", state)
                .register(registry);
    }
}
