package dev.raworc.runner.docker;

import com.github.dockerjava.api.DockerClient;
import org.springframework.stereotype.Component;

import dev.raworc.platform.health.ComponentStatus;
import dev.raworc.platform.health.ContainerRuntimeStatus;

/** The container runtime is up when the Docker engine answers a ping. */
@Component
class DockerEngineStatus implements ContainerRuntimeStatus {

    private final DockerClient docker;

    DockerEngineStatus(DockerClient docker) {
        this.docker = docker;
    }

    @Override
    public ComponentStatus check() {
        try {
            docker.pingCmd().exec();
            return ComponentStatus.UP;
        } catch (RuntimeException e) {
            return ComponentStatus.DOWN;
        }
    }
}
