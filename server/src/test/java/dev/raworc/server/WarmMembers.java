package dev.raworc.server;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.WarmPool;

/** Warm pool members in Docker, as tests make and remove them. */
final class WarmMembers {

    private WarmMembers() {
    }

    /** A member as an older build or other settings would have made it: running, with another fingerprint. */
    static String stale(DockerClient docker, String image) {
        String name = "raworc-warm-" + UUID.randomUUID();
        Map<String, String> labels = Map.of(Containers.MANAGED_LABEL, "true", Containers.RUNNER_LABEL, "default", WarmPool.WARM_LABEL, "stale");
        docker.createVolumeCmd().withName(name).withLabels(labels).exec();
        String id = docker.createContainerCmd(image).withName(name).withLabels(labels).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    /** A member's volume whose container never came (a crash between the two). */
    static String orphanVolume(DockerClient docker) {
        String name = "raworc-warm-" + UUID.randomUUID();
        docker.createVolumeCmd().withName(name).withLabels(Map.of(Containers.MANAGED_LABEL, "true", Containers.RUNNER_LABEL, "default",
                WarmPool.WARM_LABEL, "stale")).exec();
        return name;
    }

    /** Every member left in Docker, with its volume, so that no test leaves containers behind. */
    static void removeAll(DockerClient docker) {
        for (var container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(WarmPool.WARM_LABEL)).exec()) {
            String name = container.getNames()[0].substring(1);
            if (name.startsWith("raworc-warm-")) {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
                try {
                    docker.removeVolumeCmd(name).exec();
                } catch (NotFoundException alreadyGone) {
                    // nothing to remove
                }
            }
        }
    }
}
