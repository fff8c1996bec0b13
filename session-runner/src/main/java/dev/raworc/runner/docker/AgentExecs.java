package dev.raworc.runner.docker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.springframework.stereotype.Component;

import dev.raworc.api.session.PostMessageCommand;
import dev.raworc.platform.content.FilePaths;
import dev.raworc.runner.RunnerProperties;

/**
 * Runs the agent command in a session's container, the task on its standard input and the session's
 * environment given at exec time. The same exec then scans {@code /session}, so the checkpoint after
 * the reply costs no Docker round trip of its own. A task small enough travels in the exec's
 * environment; a larger one goes in as a file first (Docker's exec cannot be relied on to close an
 * attached standard input, and an agent reading to the end of its input would wait for ever).
 */
@Component
public class AgentExecs {

    /** Linux takes up to 128 KiB per environment string; half of it leaves room to spare. */
    static final int MAX_TASK_IN_ENVIRONMENT = 64 << 10;
    private static final String TASK_VARIABLE = "RAWORC_TASK";
    /** How long the scan after a task may take before the checkpoint scans again on its own. */
    private static final Duration SCAN_TIMEOUT = Duration.ofMinutes(5);
    private static final String FILE_VARIABLE = "RAWORC_ENVIRONMENT_FILE";
    /** Where the agent finds its environment as a file, readable by the container's user alone. */
    public static final String ENVIRONMENT_FILE = FilePaths.MOUNT + "/" + FilePaths.RESERVED + "/environment";
    /** Shell builtins only, so it costs the task no process of its own. */
    private static final String WRITE_ENVIRONMENT_FILE = """
            [ -d DIR ] || mkdir -m 700 DIR
            umask 077; printf '%s' "$VARIABLE" > FILE; umask 022; unset VARIABLE
            """.replace("DIR", FilePaths.MOUNT + "/" + FilePaths.RESERVED).replace("FILE", ENVIRONMENT_FILE)
            .replace("VARIABLE", FILE_VARIABLE);

    /** An exec created in the session's container, not started yet. */
    public record Prepared(String execId, String boundary, long createdAt) {
    }

    private final DockerClient docker;
    private final RunnerProperties properties;

    AgentExecs(DockerClient docker, RunnerProperties properties) {
        this.docker = docker;
        this.properties = properties;
    }

    /**
     * Creates the agent's exec; empty when the session's container does not exist or does not
     * run. {@code environment} holds secrets: never log it.
     */
    public Optional<Prepared> prepare(UUID sessionId, String task, Map<String, String> environment) {
        long created = System.nanoTime();
        String container = Containers.containerName(sessionId);
        String boundary = "raworc-scan-" + UUID.randomUUID();
        List<String> variables = new ArrayList<>();
        environment.forEach((key, value) -> variables.add(key + "=" + value));
        variables.add(FILE_VARIABLE + "=" + environmentFile(environment));
        String input;
        try {
            if (task.getBytes(StandardCharsets.UTF_8).length <= MAX_TASK_IN_ENVIRONMENT && task.indexOf('\0') < 0) {
                variables.add(TASK_VARIABLE + "=" + (task.endsWith("\n") ? task : task + "\n")); // as in a task file
                input = "printf '%s' \"$" + TASK_VARIABLE + "\" | (unset " + TASK_VARIABLE + "; exec \"$@\"); status=$?";
            } else {
                String taskFile = "/tmp/raworc-task-" + UUID.randomUUID();
                docker.copyArchiveToContainerCmd(container).withTarInputStream(TaskArchive.of(taskFile.substring(5), task))
                        .withRemotePath("/tmp").exec();
                input = "\"$@\" < " + taskFile + "; status=$?; rm -f " + taskFile;
            }
            String endOfAgent = FileScan.endOfAgent(boundary, "$status", "") + "; " + FileScan.endOfAgent(boundary, "$status", " >&2");
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                    FileScan.FUNCTION + WRITE_ENVIRONMENT_FILE + input + "; " + endOfAgent + "; raworc_scan 2>/dev/null; exit $status",
                    "raworc-agent"));
            command.addAll(properties.agentCommand());
            String exec = docker.execCreateCmd(container).withCmd(command.toArray(String[]::new)).withEnv(variables)
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            return Optional.of(new Prepared(exec, boundary, created));
        } catch (NotFoundException | ConflictException notRunning) {
            return Optional.empty();
        }
    }

    /** The environment as lines a shell can source: {@code KEY='value'}, quotes in values escaped. */
    static String environmentFile(Map<String, String> environment) {
        StringBuilder file = new StringBuilder();
        environment.forEach((key, value) -> file.append(key).append("='").append(value.replace("'", "'\\''")).append("'\n"));
        return file.toString();
    }

    /**
     * Runs the prepared exec until the agent's part of it ends (both streams carry the end mark,
     * after which its output is whole and its exit status known), or the timeout; the listener hears
     * the agent's output as it comes. The scan that follows completes with the exec.
     */
    public AgentRun run(Prepared prepared, Duration timeout, OutputListener listener) throws InterruptedException {
        CappedOutput stdout = new CappedOutput(PostMessageCommand.MAX_CONTENT_BYTES);
        CappedOutput stderr = new CappedOutput(PostMessageCommand.MAX_CONTENT_BYTES);
        byte[] boundary = FileScan.boundary(prepared.boundary());
        ScanSplitter agentOut = new ScanSplitter(boundary, bytes -> {
            stdout.write(bytes);
            listener.received(false, bytes);
        });
        ScanSplitter agentErr = new ScanSplitter(boundary, bytes -> {
            stderr.write(bytes);
            listener.received(true, bytes);
        });
        CompletableFuture<Void> agentEnded = new CompletableFuture<>();
        CompletableFuture<Void> execEnded = new CompletableFuture<>();
        ResultCallback.Adapter<Frame> output = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? agentErr : agentOut).write(frame.getPayload());
                if (agentOut.status().isPresent() && agentErr.status().isPresent()) {
                    agentEnded.complete(null);
                }
            }

            @Override
            public void onComplete() {
                super.onComplete();
                execEnded.complete(null);
                agentEnded.complete(null);
            }

            @Override
            public void onError(Throwable throwable) {
                super.onError(throwable);
                execEnded.complete(null);
                agentEnded.complete(null);
            }
        };
        docker.execStartCmd(prepared.execId()).exec(output);
        boolean finished = awaitWithin(agentEnded, timeout);
        agentOut.end();
        agentErr.end();
        Integer exitCode = !finished ? null : agentOut.status().isPresent() ? Integer.valueOf(agentOut.status().getAsInt())
                : exitCodeOf(prepared);
        CompletableFuture<Optional<FileScan>> scan = finished
                ? execEnded.orTimeout(SCAN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).thenApply(ended -> agentOut.scan())
                        .exceptionally(notInTime -> Optional.empty())
                : CompletableFuture.completedFuture(Optional.empty());
        return new AgentRun(stdout.text(), stderr.text(), stdout.cut() || stderr.cut(), exitCode, !finished,
                Duration.ofNanos(System.nanoTime() - prepared.createdAt()), scan);
    }

    private static boolean awaitWithin(CompletableFuture<Void> ended, Duration timeout) throws InterruptedException {
        try {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The exit code Docker recorded: for an exec that ended without its end mark (the shell itself failed). */
    private Integer exitCodeOf(Prepared prepared) {
        Long code = docker.inspectExecCmd(prepared.execId()).exec().getExitCodeLong();
        return code == null ? null : code.intValue();
    }
}
