package dev.raworc.runner.docker;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import org.springframework.stereotype.Component;

import dev.raworc.platform.content.FilePaths;
import dev.raworc.runner.RunnerProperties;

/**
 * The Docker side of sessions: one named volume per session mounted at {@code /session} that
 * outlives its containers, and one labelled container per live session. Every operation is
 * idempotent, because events may be delivered more than once. What it lists is only this runner's.
 */
@Component
public class Containers {

    public static final String MANAGED_LABEL = "dev.raworc.managed";
    public static final String SESSION_LABEL = "dev.raworc.session-id";
    public static final String SPACE_LABEL = "dev.raworc.space";
    /** The runner that made it: each runner touches only its own containers and volumes. */
    public static final String RUNNER_LABEL = "dev.raworc.runner";
    static final String MOUNT = FilePaths.MOUNT;

    private static final String CONTAINER_PREFIX = "raworc-session-";

    private final DockerClient docker;
    private final RunnerProperties properties;
    private final SessionVolumes volumes;

    Containers(DockerClient docker, RunnerProperties properties, SessionVolumes volumes) {
        this.docker = docker;
        this.properties = properties;
        this.volumes = volumes;
    }

    public static String containerName(UUID sessionId) {
        return CONTAINER_PREFIX + sessionId;
    }

    /** The session a container runs: by its label, or, for a container taken from the warm pool, by its name. */
    public static Optional<UUID> sessionOf(com.github.dockerjava.api.model.Container container) {
        String label = container.getLabels() == null ? null : container.getLabels().get(SESSION_LABEL);
        if (label != null) {
            return Optional.of(UUID.fromString(label));
        }
        return Stream.of(container.getNames() == null ? new String[0] : container.getNames())
                .map(name -> name.startsWith("/") ? name.substring(1) : name)
                .filter(name -> name.startsWith(CONTAINER_PREFIX))
                .map(name -> UUID.fromString(name.substring(CONTAINER_PREFIX.length())))
                .findFirst();
    }

    /**
     * Creates the volume if needed and a container on it, started; returns the container id. The
     * usual case, a new session, costs only create and start: a name already taken (a redelivered
     * event, a restart) keeps a running container and replaces a stopped one.
     */
    public String start(ContainerSpec spec) {
        ensureVolume(spec.sessionId());
        try {
            return createAndStart(spec);
        } catch (ConflictException nameTaken) {
            Optional<String> running = runningId(spec.sessionId());
            if (running.isPresent()) {
                return running.get();
            }
            remove(spec.sessionId());
            return createAndStart(spec);
        }
    }

    private String createAndStart(ContainerSpec spec) {
        return createAndStart(spec.image(), containerName(spec.sessionId()),
                Map.of(MANAGED_LABEL, "true", RUNNER_LABEL, properties.name(),
                        SESSION_LABEL, spec.sessionId().toString(), SPACE_LABEL, spec.space()),
                spec.environment(), volumes.of(spec.sessionId()));
    }

    /** A started container of a session's kind: its limits, its volume at {@code /session}. */
    String createAndStart(String image, String name, Map<String, String> labels, Map<String, String> environment, String volume) {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind(volume, new Volume(MOUNT)))
                .withNanoCPUs((long) (properties.cpus() * 1_000_000_000L))
                .withMemory(properties.memory().toBytes())
                .withPidsLimit(properties.pids())
                .withExtraHosts("host.docker.internal:host-gateway")
                // Docker restarts session containers after its own restart; one killed from outside stays dead
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        String id = docker.createContainerCmd(image)
                .withName(name)
                .withLabels(labels)
                .withEnv(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(host)
                .exec()
                .getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** Whether the session's container exists and runs. */
    public boolean isRunning(UUID sessionId) {
        return runningId(sessionId).isPresent();
    }

    private Optional<String> runningId(UUID sessionId) {
        try {
            var container = docker.inspectContainerCmd(containerName(sessionId)).exec();
            return Boolean.TRUE.equals(container.getState().getRunning())
                    ? Optional.of(container.getId()) : Optional.empty();
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    /** Removes the session's container, if any; its volume stays. */
    public void remove(UUID sessionId) {
        try {
            docker.removeContainerCmd(containerName(sessionId)).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        }
    }

    /** Removes the session's volume, if any: its files are gone. */
    public void removeVolume(UUID sessionId) {
        try {
            docker.removeVolumeCmd(volumes.of(sessionId)).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        }
        volumes.forget(sessionId);
    }

    /**
     * Copies every file of one session's volume into another's, with a short-lived container of the
     * image; not Raworc's own directory, which holds the parent's environment.
     */
    public void copyVolume(UUID from, UUID to, String image) throws InterruptedException {
        ensureVolume(from);
        ensureVolume(to);
        String id = docker.createContainerCmd(image)
                .withLabels(Map.of(MANAGED_LABEL, "true", RUNNER_LABEL, properties.name()))
                .withCmd("/bin/sh", "-c", "cp -a /from/. /to/ && rm -rf /to/" + FilePaths.RESERVED)
                .withHostConfig(HostConfig.newHostConfig().withBinds(
                        new Bind(volumes.of(from), new Volume("/from")), new Bind(volumes.of(to), new Volume("/to"))))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int status = docker.waitContainerCmd(id).start().awaitStatusCode(5, TimeUnit.MINUTES);
            if (status != 0) {
                throw new IllegalStateException("copying the parent's files failed with exit code " + status);
            }
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    /** This runner's session containers, by the labels Raworc gives them. */
    public List<com.github.dockerjava.api.model.Container> managed() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(MANAGED_LABEL, "true")).exec()
                .stream().filter(container -> properties.owns(container.getLabels().get(RUNNER_LABEL))).toList();
    }

    /** This runner's session volumes, by the labels Raworc gives them. */
    public List<com.github.dockerjava.api.command.InspectVolumeResponse> managedVolumes() {
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(MANAGED_LABEL + "=true")).exec().getVolumes();
        return volumes == null ? List.of() : volumes.stream()
                .filter(volume -> properties.owns(volume.getLabels() == null ? null : volume.getLabels().get(RUNNER_LABEL)))
                .toList();
    }

    /** The session whose files a volume holds: by its label, or, for a warm container's, as recorded when it was taken. */
    public Optional<UUID> sessionOf(com.github.dockerjava.api.command.InspectVolumeResponse volume) {
        String label = volume.getLabels() == null ? null : volume.getLabels().get(SESSION_LABEL);
        return label != null ? Optional.of(UUID.fromString(label)) : volumes.sessionOf(volume.getName());
    }

    /** Creating a volume that exists already is a no-op for Docker: no need to look first. */
    public void ensureVolume(UUID sessionId) {
        docker.createVolumeCmd().withName(volumes.of(sessionId))
                .withLabels(Map.of(MANAGED_LABEL, "true", RUNNER_LABEL, properties.name(), SESSION_LABEL,
                        sessionId.toString())).exec();
    }
}
