package dev.raworc.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;

/**
 * Create → IDLE through the API with the runner's warm pool full, against raw create + start of
 * the same image (p50 and p99 of 20 each); and a burst of creates larger than the pool, whose
 * sessions beyond it start as without a pool.
 */
final class SessionStartBenchmark {

    /** The runner's pool in the benchmark's server (RAWORC_RUNNER_WARM_POOL). */
    static final int POOL = 2;
    private static final int RUNS = 20;
    private static final int BURST = 3 * POOL;
    /** The runner's marks on its warm containers (session-runner's WarmPool). */
    private static final String WARM_LABEL = "dev.raworc.warm";
    private static final String WARM_PREFIX = "raworc-warm-";

    private SessionStartBenchmark() {
    }

    static List<Row> measure(Api api, SessionsMade sessions, DockerClient docker, String image) throws Exception {
        Latencies throughApi = new Latencies();
        for (int i = 0; i < RUNS; i++) {
            awaitFullPool(docker);
            long started = System.nanoTime();
            String id = sessions.create();
            sessions.awaitIdle(id);
            throughApi.add(System.nanoTime() - started);
            // like the raw loop, which removes each container before the next: no clean-up overlaps a start
            sessions.deleteAndAwaitGone(docker, id);
        }
        Latencies raw = new Latencies();
        for (int i = 0; i < RUNS; i++) {
            long started = System.nanoTime();
            String id = docker.createContainerCmd(image).withLabels(Map.of("dev.raworc.benchmark", "true")).exec().getId();
            docker.startContainerCmd(id).exec();
            raw.add(System.nanoTime() - started);
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        Latencies burst = burst(sessions, docker);
        return List.of(
                new Row("session create → idle, warm pool of " + POOL + " full, p50 (" + RUNS + ")", throughApi.percentileMillis(50), "ms",
                        "raw docker create + start p50 (" + RUNS + ")", raw.percentileMillis(50)),
                new Row("  p99", throughApi.percentileMillis(99), "ms", "raw docker create + start p99", raw.percentileMillis(99)),
                new Row("burst of " + BURST + " creates at once (pool of " + POOL + ") → each idle, p50", burst.percentileMillis(50), "ms",
                        "raw docker create + start p50", raw.percentileMillis(50)),
                new Row("  the slowest of the burst", burst.maxMillis(), "ms", "raw docker create + start p99", raw.percentileMillis(99)));
    }

    /** From the burst's start until each session is idle. */
    private static Latencies burst(SessionsMade sessions, DockerClient docker) throws Exception {
        awaitFullPool(docker);
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            ids.add(sessions.create());
        }
        Latencies each = new Latencies();
        List<String> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty()) {
            for (String id : List.copyOf(waiting)) {
                if (sessions.isIdle(id)) {
                    each.add(System.nanoTime() - started);
                    waiting.remove(id);
                }
            }
            Thread.sleep(2);
        }
        sessions.deleteAll(docker);
        return each;
    }

    private static void awaitFullPool(DockerClient docker) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (docker.listContainersCmd().exec().stream().filter(container -> container.getLabels().containsKey(WARM_LABEL))
                .filter(container -> container.getNames()[0].startsWith("/" + WARM_PREFIX)).count() < POOL) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm pool did not fill up");
            }
            Thread.sleep(20);
        }
        Thread.sleep(200); // the runner learns of its new member right after Docker has it
    }

    /** The stopped server's warm containers and their volumes: a run leaves nothing behind in Docker. */
    static void removeWarmPool(DockerClient docker) {
        for (var container : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(WARM_LABEL)).exec()) {
            String name = container.getNames()[0].substring(1);
            if (name.startsWith(WARM_PREFIX)) {
                docker.removeContainerCmd(container.getId()).withForce(true).exec();
                docker.removeVolumeCmd(name).exec();
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
