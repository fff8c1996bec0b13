package dev.raworc.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * The task round trip a user feels: a {@code USER} message with a trivial task until its
 * {@code AGENT} reply is readable (long poll), one task after the other; beside a raw
 * {@code docker exec} of the same agent command with the same input, its output read to the end
 * and its exit code asked for, in a container of the same image with a volume at
 * {@code /session}. Both run long enough first for the server to be compiled hot (a fresh server's
 * first tasks are twice as slow), and both count the CPU the whole machine spends per task: on a
 * small machine that, not waiting, bounds the round trip.
 */
final class TaskBenchmark {

    static final String TASK = "echo ok";
    private static final int WARM_UP = 150;
    private static final int RUNS = 100;
    private static final String LABEL = "dev.raworc.benchmark";

    private final Api api;
    private final SessionsMade sessions;
    private final DockerClient docker;
    private final String image;

    TaskBenchmark(Api api, SessionsMade sessions, DockerClient docker, String image) {
        this.api = api;
        this.sessions = sessions;
        this.docker = docker;
        this.image = image;
    }

    List<Row> measure() throws Exception {
        String id = sessions.create();
        sessions.awaitIdle(id);
        for (int i = 0; i < WARM_UP; i++) {
            ask(id);
        }
        Measured throughApi = measure(() -> ask(id));
        Measured raw = rawExecs();
        return List.of(
                new Row("task round trip: user message → agent reply readable, p50 (" + RUNS + " tasks)",
                        throughApi.latencies().percentileMillis(50), "ms", "raw docker exec of the agent, same input, p50",
                        raw.latencies().percentileMillis(50)),
                new Row("  p99", throughApi.latencies().percentileMillis(99), "ms", "raw docker exec p99",
                        raw.latencies().percentileMillis(99)),
                new Row("  CPU the machine spends per task (all processes)", throughApi.cpuMillisEach(), "ms",
                        "per raw docker exec", raw.cpuMillisEach()));
    }

    private record Measured(Latencies latencies, double cpuMillisEach) {
    }

    private interface Run {
        void once() throws Exception;
    }

    private static Measured measure(Run run) throws Exception {
        Latencies latencies = new Latencies();
        double cpuBefore = Machine.busyCpuMillis();
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            run.once();
            latencies.add(System.nanoTime() - started);
        }
        return new Measured(latencies, (Machine.busyCpuMillis() - cpuBefore) / RUNS);
    }

    private void ask(String id) throws Exception {
        long seq = api.send("POST", "/sessions/" + id + "/messages", Api.JSON.writeValueAsString(Map.of("content", TASK)), 201)
                .get("seq").asLong();
        JsonNode reply = api.send("GET", "/sessions/" + id + "/messages?role=agent&after_seq=" + seq + "&wait=30", null, 200);
        if (reply.size() != 1 || !reply.get(0).get("content").asString().equals("ok")) {
            throw new IllegalStateException("no reply 'ok' to task " + seq + " of session " + id + ": " + reply);
        }
    }

    private Measured rawExecs() throws Exception {
        String volume = "raworc-benchmark-exec-" + System.nanoTime();
        docker.createVolumeCmd().withName(volume).withLabels(Map.of(LABEL, "true")).exec();
        String container = docker.createContainerCmd(image).withLabels(Map.of(LABEL, "true"))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume("/session")))).exec().getId();
        try {
            docker.startContainerCmd(container).exec();
            for (int i = 0; i < WARM_UP; i++) {
                exec(container);
            }
            return measure(() -> exec(container));
        } finally {
            docker.removeContainerCmd(container).withForce(true).exec();
            docker.removeVolumeCmd(volume).exec();
        }
    }

    private void exec(String container) throws InterruptedException {
        String exec = docker.execCreateCmd(container).withEnv(List.of("TASK=" + TASK))
                .withCmd("/bin/sh", "-c", "printf '%s' \"$TASK\" | raworc-agent")
                .withAttachStdout(true).withAttachStderr(true).exec().getId();
        StringBuilder output = new StringBuilder();
        docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                output.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        Long exitCode = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        if (exitCode == null || exitCode != 0 || !output.toString().trim().equals("ok")) {
            throw new IllegalStateException("raw exec answered " + exitCode + ": " + output);
        }
    }
}
