package dev.raworc.bench;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import tools.jackson.databind.JsonNode;

/**
 * The costs of files: a checkpoint of a 100 MiB {@code /session} after a task changed one 1 MiB
 * file, beside a raw tar of the same directory through Docker's archive API; and a remix from a
 * past checkpoint to a ready child, beside a raw copy of the volume plus create and start.
 */
final class FilesBenchmark {

    private static final int FILES = 100;
    private static final int RUNS = 10;
    private static final String LABEL = "dev.raworc.benchmark";

    private final Api api;
    private final SessionsMade sessions;
    private final DockerClient docker;
    private final String image;

    FilesBenchmark(Api api, SessionsMade sessions, DockerClient docker, String image) {
        this.api = api;
        this.sessions = sessions;
        this.docker = docker;
        this.image = image;
    }

    List<Row> measure() throws Exception {
        String id = sessions.create();
        sessions.awaitIdle(id);
        long filled = ask(id, "for i in $(seq 1 " + FILES + "); do dd if=/dev/urandom of=f$i bs=1048576 count=1 2>/dev/null; done");
        double first = checkpointAfter(id, filled);
        double[] checkpoints = new double[RUNS];
        double[] tars = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long reply = ask(id, "dd if=/dev/urandom of=f" + (i + 1) + " bs=1048576 count=1 2>/dev/null");
            checkpoints[i] = checkpointAfter(id, reply);
            tars[i] = rawTar(id);
        }
        double[] remixes = new double[RUNS / 2];
        double[] copies = new double[RUNS / 2];
        for (int i = 0; i < remixes.length; i++) {
            remixes[i] = remix(id, filled);
            copies[i] = rawCopyAndStart(id);
        }
        return List.of(
                new Row("first checkpoint of a 100 MiB /session (all new)", first, "ms",
                        "raw tar of /session via Docker (median of " + RUNS + ")", SessionStartBenchmark.median(tars)),
                new Row("checkpoint after a task changed 1 MiB of 100 MiB (median of " + RUNS + ")", SessionStartBenchmark.median(checkpoints),
                        "ms", "raw tar of /session via Docker (median of " + RUNS + ")", SessionStartBenchmark.median(tars)),
                new Row("remix from a past checkpoint (100 MiB) → idle (median of " + remixes.length + ")", SessionStartBenchmark.median(remixes),
                        "ms", "raw volume copy + create + start (median of " + copies.length + ")", SessionStartBenchmark.median(copies)));
    }

    /** Posts a task, waits for its reply and for the session to be idle again; answers the reply's seq. */
    private long ask(String id, String task) throws Exception {
        long seq = api.send("POST", "/sessions/" + id + "/messages", Api.JSON.writeValueAsString(Map.of("content", task)), 201)
                .get("seq").asLong();
        JsonNode reply = api.send("GET", "/sessions/" + id + "/messages?role=agent&after_seq=" + seq + "&wait=60", null, 200);
        if (reply.size() != 1) {
            throw new IllegalStateException("no reply to task " + seq + " of session " + id);
        }
        sessions.awaitIdle(id);
        return reply.get(0).get("seq").asLong();
    }

    /** How long after the reply its checkpoint was recorded: the time the runner spent on it. */
    private double checkpointAfter(String id, long replySeq) throws Exception {
        JsonNode reply = api.send("GET", "/sessions/" + id + "/messages?after_seq=" + (replySeq - 1) + "&limit=1", null, 200).get(0);
        JsonNode checkpoints = api.send("GET", "/sessions/" + id + "/checkpoints?limit=1000", null, 200);
        for (JsonNode checkpoint : checkpoints) {
            if (checkpoint.get("message_seq").asLong() == replySeq) {
                return Instant.parse(checkpoint.get("recorded_at").asString()).toEpochMilli()
                        - Instant.parse(reply.get("created_at").asString()).toEpochMilli();
            }
        }
        throw new IllegalStateException("no checkpoint tied to message " + replySeq + " of session " + id);
    }

    private double rawTar(String id) throws Exception {
        long started = System.nanoTime();
        try (InputStream tar = docker.copyArchiveFromContainerCmd("raworc-session-" + id, "/session").exec()) {
            tar.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private double remix(String id, long seq) throws Exception {
        long started = System.nanoTime();
        String child = api.send("POST", "/sessions/" + id + "/remix",
                "{\"up_to_message_seq\":" + seq + ",\"copy_data\":true,\"copy_messages\":false}", 201).get("id").asString();
        sessions.awaitIdle(child);
        double took = (System.nanoTime() - started) / 1e6;
        sessions.deleteAndAwaitGone(docker, child);
        return took;
    }

    /** The session's volume, as its container mounts it (one taken from the warm pool keeps its own). */
    private String volumeOf(String id) {
        return docker.inspectContainerCmd("raworc-session-" + id).exec().getMounts().stream()
                .filter(mount -> "/session".equals(mount.getDestination().getPath())).findFirst().orElseThrow().getName();
    }

    private double rawCopyAndStart(String id) throws Exception {
        String volume = "raworc-benchmark-copy-" + System.nanoTime();
        List<String> made = new ArrayList<>();
        long started = System.nanoTime();
        docker.createVolumeCmd().withName(volume).withLabels(Map.of(LABEL, "true")).exec();
        String copy = docker.createContainerCmd(image).withLabels(Map.of(LABEL, "true"))
                .withCmd("/bin/sh", "-c", "cp -a /from/. /to/")
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volumeOf(id), new Volume("/from")),
                        new Bind(volume, new Volume("/to")))).exec().getId();
        made.add(copy);
        docker.startContainerCmd(copy).exec();
        docker.waitContainerCmd(copy).start().awaitStatusCode(5, TimeUnit.MINUTES);
        String container = docker.createContainerCmd(image).withLabels(Map.of(LABEL, "true"))
                .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume("/session")))).exec().getId();
        made.add(container);
        docker.startContainerCmd(container).exec();
        double took = (System.nanoTime() - started) / 1e6;
        made.forEach(helper -> docker.removeContainerCmd(helper).withForce(true).exec());
        docker.removeVolumeCmd(volume).exec();
        return took;
    }
}
