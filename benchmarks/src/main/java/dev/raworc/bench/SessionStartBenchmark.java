package dev.raworc.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;

/** Create → IDLE through the API against raw create + start of the same image (median of 20 each). */
final class SessionStartBenchmark {

    private static final int RUNS = 20;

    private SessionStartBenchmark() {
    }

    static List<Row> measure(Api api, SessionsMade sessions, DockerClient docker, String image) throws Exception {
        double[] throughApi = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            String id = sessions.create();
            while (!"idle".equals(api.send("GET", "/sessions/" + id, null, 200).get("state").asString())) {
                Thread.sleep(2);
            }
            throughApi[i] = (System.nanoTime() - started) / 1e6;
            // like the raw loop, which removes each container before the next: no clean-up overlaps a start
            sessions.deleteAndAwaitGone(docker, id);
        }
        double[] raw = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            String id = docker.createContainerCmd(image).withLabels(Map.of("dev.raworc.benchmark", "true")).exec().getId();
            docker.startContainerCmd(id).exec();
            raw[i] = (System.nanoTime() - started) / 1e6;
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        return List.of(new Row("session create → idle (median of " + RUNS + ")", median(throughApi), "ms",
                "raw docker create + start (median of " + RUNS + ")", median(raw)));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
