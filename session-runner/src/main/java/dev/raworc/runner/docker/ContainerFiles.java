package dev.raworc.runner.docker;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /**
     * Writes the listing's length, the listing (type, mode, size, mtime, ctime, inode and name of
     * every path, one per line), then a tar of the files changed since the previous scan's marker,
     * cut at {@link #MAX_CHANGED} bytes. A missing tool only loses the tar: the listing decides.
     */
    private static final String SCAN = """
            m=/tmp/.raworc-checkpoint
            touch $m.next || exit 3
            find /session -mindepth 1 -exec stat -c '%F|%a|%s|%y|%z|%i|%n' {} + > $m.list || exit 3
            stat -c %s $m.list && cat $m.list || exit 3
            if [ -f $m ]; then
                (cd / && find session -type f -newer $m -exec tar -c -f - {} + 2>/dev/null | head -c $((MAX + 1))) || true
            fi
            mv $m.next $m
            """;
    private static final int MAX_LISTING = 32 << 20;
    /** The changed files a scan brings along at most; more are read on their own. */
    static final int MAX_CHANGED = 8 << 20;

    /**
     * A running session's listing, and the files changed since the previous scan as a tar (empty
     * when unknown: the first scan, a restarted container); {@code cut} when the tar was cut short.
     */
    public record Scan(String listing, InputStream changed, long changedLength, boolean cut) {
    }

    private final DockerClient docker;
    private final RunnerProperties properties;

    ContainerFiles(DockerClient docker, RunnerProperties properties) {
        this.docker = docker;
        this.properties = properties;
    }

    /** The scan of a running session's files, or empty when it cannot be had (tools missing, say). */
    public Optional<Scan> scan(UUID sessionId) throws InterruptedException {
        CappedOutput out = new CappedOutput(MAX_LISTING + MAX_CHANGED + 64);
        Integer status = exec(sessionId, out, "/bin/sh", "-c", SCAN.replace("MAX", Integer.toString(MAX_CHANGED)));
        if (status == null || status != 0 || out.cut()) {
            return Optional.empty();
        }
        byte[] bytes = out.bytes();
        int newline = indexOf(bytes, (byte) '\n');
        try {
            int length = newline < 0 ? -1 : Integer.parseInt(new String(bytes, 0, newline, StandardCharsets.US_ASCII).trim());
            int tarStart = newline + 1 + length;
            if (length < 0 || tarStart > bytes.length) {
                return Optional.empty();
            }
            int tarLength = bytes.length - tarStart;
            return Optional.of(new Scan(new String(bytes, newline + 1, length, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(bytes, tarStart, tarLength), tarLength, tarLength > MAX_CHANGED));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
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
            Integer status = exec(sessionId, new CappedOutput(4096), command);
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

    private Integer exec(UUID sessionId, CappedOutput out, String... command) throws InterruptedException {
        String exec = docker.execCreateCmd(Containers.containerName(sessionId)).withCmd(command)
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                if (frame.getStreamType() == StreamType.STDOUT) {
                    out.write(frame.getPayload());
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
                        .withBinds(new Bind(Containers.volumeName(sessionId), new Volume(Containers.MOUNT))));
        if (command != null) {
            create.withCmd(command);
        }
        return create.exec().getId();
    }

    private static String absolute(String path) {
        return path.isEmpty() ? Containers.MOUNT : Containers.MOUNT + "/" + path;
    }
}
