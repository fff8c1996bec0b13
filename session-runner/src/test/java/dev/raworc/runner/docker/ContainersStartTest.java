package dev.raworc.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.runner.RunnerProperties;

/**
 * Starting a session's container against the real Docker engine, without a server: a new session
 * costs only create and start, and a start that finds the name taken (a redelivered event, a
 * restart) keeps a running container and replaces a stopped one. Needs the image built by
 * scripts/build-test-image.sh.
 */
class ContainersStartTest {

    private static final String IMAGE = "raworc-test-agent:latest";

    private final RunnerProperties properties = new RunnerProperties("http://localhost:9/api/v0", List.of("raworc-agent"),
            Duration.ofMinutes(1), 0.5, DataSize.ofMegabytes(64), 64, Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofSeconds(15), null, "t", Duration.ofSeconds(60), Duration.ofSeconds(5), 0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DockerClient docker = new DockerConfiguration().dockerClient(properties, registry);
    private final Containers containers = new Containers(docker, properties, new SessionVolumes(TestDatabase.jdbc()));
    private final ContainerSpec spec = new ContainerSpec(UUID.randomUUID(), "default", IMAGE, Map.of("GREETING", "hi"));

    @AfterEach
    void removeWhatWasMade() throws Exception {
        containers.remove(spec.sessionId());
        containers.removeVolume(spec.sessionId());
        docker.close();
    }

    @Test
    void aNewSessionGetsARunningContainerOnItsVolume() {
        String id = containers.start(spec);

        var container = docker.inspectContainerCmd(Containers.containerName(spec.sessionId())).exec();
        assertThat(container.getId()).isEqualTo(id);
        assertThat(container.getState().getRunning()).isTrue();
        assertThat(container.getMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(SessionVolumes.named(spec.sessionId()));
            assertThat(mount.getDestination().getPath()).isEqualTo(Containers.MOUNT);
        });
        assertThat(registry.get("raworc.runner.docker").tags("operation", "POST /containers/{id}/start", "outcome", "success")
                .timer().count()).as("each Docker call is timed").isOne();
    }

    @Test
    void startingARunningSessionAgainKeepsItsContainer() {
        String running = containers.start(spec);

        assertThat(containers.start(spec)).isEqualTo(running);
        assertThat(containers.isRunning(spec.sessionId())).isTrue();
    }

    @Test
    void startingAfterTheContainerStoppedReplacesItOnTheSameVolume() {
        String stopped = containers.start(spec);
        docker.stopContainerCmd(stopped).withTimeout(0).exec();

        String replaced = containers.start(spec);

        assertThat(replaced).isNotEqualTo(stopped);
        assertThat(containers.isRunning(spec.sessionId())).isTrue();
        assertThat(docker.inspectContainerCmd(Containers.containerName(spec.sessionId())).exec().getId()).isEqualTo(replaced);
    }
}
