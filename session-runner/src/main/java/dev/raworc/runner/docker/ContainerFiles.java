package dev.raworc.runner.docker;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import org.springframework.stereotype.Component;

import dev.raworc.runner.RunnerProperties;

/**
 * The files under a session's {@code /session}, through Docker: listed by {@code find} and
 * {@code stat} in the session's container, read and written with Docker's archive API. A session
 * without a running container is reached through a helper container of its image on its volume,
 * which archive operations need only create, not start.
 */
@Component
public class ContainerFiles {

    private final DockerClient docker;
    private final RunnerProperties properties;
    private final SessionVolumes volumes;

    ContainerFiles(DockerClient docker, RunnerProperties properties, SessionVolumes volumes) {
        this.docker = docker;
        this.properties = properties;
        this.volumes = volumes;
    }

    /** The scan of a running session's files, or empty when it cannot be had (tools missing, say). */
    public Optional<FileScan> scan(UUID sessionId) throws InterruptedException {
        String token = "raworc-scan-" + UUID.randomUUID();
        ScanSplitter output = new ScanSplitter(FileScan.boundary(token), ignored -> {
        });
        Integer status = exec(sessionId, output::write, "/bin/sh", "-c", FileScan.FUNCTION + FileScan.endOfAgent(token, "0", "")
                + "; raworc_scan");
        return status == null || status != 0 ? Optional.empty() : output.scan();
    }

    /** A tar of the path under {@code /session} (its last name as the entry), from a running session. */
    public InputStream read(UUID sessionId, String path) {
        return docker.copyArchiveFromContainerCmd(Containers.containerName(sessionId), absolute(path)).exec();
    }

    /** Unpacks a tar into {@code /session}: into the running container, else into the volume. */
    public void write(UUID sessionId, String image, boolean running, InputStream tar) {
        if (running) {
            docker.copyArchiveToContainerCmd(Containers.containerName(sessionId)).withRemotePath(Containers.MOUNT)
                    .withTarInputStream(tar).exec();
            return;
        }
        String helper = helper(sessionId, image, null);
        try {
            docker.copyArchiveToContainerCmd(helper).withRemotePath(Containers.MOUNT).withTarInputStream(tar).exec();
        } finally {
            docker.removeContainerCmd(helper).withForce(true).exec();
        }
    }

    /** Deletes a path under {@code /session} with everything below it. */
    public void delete(UUID sessionId, String image, boolean running, String path) throws InterruptedException {
        String[] command = {"rm", "-rf", "--", absolute(path)};
        if (running) {
            Integer status = exec(sessionId, ignored -> {
            }, command);
            if (status == null || status != 0) {
                throw new IllegalStateException("deleting " + absolute(path) + " failed with exit code " + status);
            }
            return;
        }
        String helper = helper(sessionId, image, command);
        try {
            docker.startContainerCmd(helper).exec();
            int status = docker.waitContainerCmd(helper).start().awaitStatusCode(1, TimeUnit.MINUTES);
            if (status != 0) {
                throw new IllegalStateException("deleting " + absolute(path) + " failed with exit code " + status);
            }
        } finally {
            docker.removeContainerCmd(helper).withForce(true).exec();
        }
    }

    private Integer exec(UUID sessionId, java.util.function.Consumer<byte[]> stdout, String... command) throws InterruptedException {
        String exec = docker.execCreateCmd(Containers.containerName(sessionId)).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (frame.getStreamType() == StreamType.STDOUT) {
                    stdout.accept(frame.getPayload());
                }
            }
        };
        docker.execStartCmd(exec).exec(output);
        if (!output.awaitCompletion(5, TimeUnit.MINUTES)) {
            return null;
        }
        Long status = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        return status == null ? null : status.intValue();
    }

    /** A container of the session's image on its volume, created but not started (unless given a command). */
    private String helper(UUID sessionId, String image, String[] command) {
        var create = docker.createContainerCmd(image)
                .withLabels(Map.of(Containers.MANAGED_LABEL, "true", Containers.RUNNER_LABEL, properties.name()))
                .withHostConfig(HostConfig.newHostConfig()
                        .withBinds(new Bind(volumes.of(sessionId), new Volume(Containers.MOUNT))));
        if (command != null) {
            create.withCmd(command);
        }
        return create.exec().getId();
    }

    private static String absolute(String path) {
        return path.isEmpty() ? Containers.MOUNT : Containers.MOUNT + "/" + path;
    }
}
