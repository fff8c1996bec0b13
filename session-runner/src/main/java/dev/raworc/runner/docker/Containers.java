package dev.raworc.runner.docker;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

    private final DockerClient docker;
    private final RunnerProperties properties;

    Containers(DockerClient docker, RunnerProperties properties) {
        this.docker = docker;
        this.properties = properties;
    }

    public static String containerName(UUID sessionId) {
        return "raworc-session-" + sessionId;
    }

    public static String volumeName(UUID sessionId) {
        return "raworc-session-" + sessionId;
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
            java.util.Optional<String> running = runningId(spec.sessionId());
            if (running.isPresent()) {
                return running.get();
            }
            remove(spec.sessionId());
            return createAndStart(spec);
        }
    }

    private String createAndStart(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(new Bind(volumeName(spec.sessionId()), new Volume(MOUNT)))
                .withNanoCPUs((long) (properties.cpus() * 1_000_000_000L))
                .withMemory(properties.memory().toBytes())
                .withPidsLimit(properties.pids())
                .withExtraHosts("host.docker.internal:host-gateway")
                // Docker restarts session containers after its own restart; one killed from outside stays dead
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        String id = docker.createContainerCmd(spec.image())
                .withName(containerName(spec.sessionId()))
                .withLabels(Map.of(MANAGED_LABEL, "true", RUNNER_LABEL, properties.name(),
                        SESSION_LABEL, spec.sessionId().toString(), SPACE_LABEL, spec.space()))
                .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
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

    private java.util.Optional<String> runningId(UUID sessionId) {
        try {
            var container = docker.inspectContainerCmd(containerName(sessionId)).exec();
            return Boolean.TRUE.equals(container.getState().getRunning())
                    ? java.util.Optional.of(container.getId()) : java.util.Optional.empty();
        } catch (NotFoundException missing) {
            return java.util.Optional.empty();
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
            docker.removeVolumeCmd(volumeName(sessionId)).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to remove
        }
    }

    /** Copies every file of one session's volume into another's, with a short-lived container of the image. */
    public void copyVolume(UUID from, UUID to, String image) throws InterruptedException {
        ensureVolume(from);
        ensureVolume(to);
        String id = docker.createContainerCmd(image)
                .withLabels(Map.of(MANAGED_LABEL, "true", RUNNER_LABEL, properties.name()))
                .withCmd("/bin/sh", "-c", "cp -a /from/. /to/")
                .withHostConfig(HostConfig.newHostConfig().withBinds(
                        new Bind(volumeName(from), new Volume("/from")), new Bind(volumeName(to), new Volume("/to"))))
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

    /** Creating a volume that exists already is a no-op for Docker: no need to look first. */
    public void ensureVolume(UUID sessionId) {
        docker.createVolumeCmd().withName(volumeName(sessionId))
                .withLabels(Map.of(MANAGED_LABEL, "true", RUNNER_LABEL, properties.name(), SESSION_LABEL,
                        sessionId.toString())).exec();
    }
}
