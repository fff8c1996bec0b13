package dev.raworc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * Starts Raworc servers as a user would (embedded default, fresh data directory) and measures them
 * beside the limits of this machine measured in the same run: raw single-row inserts into the same
 * PostgreSQL, raw container create + start of the same image, a raw read of the event table. Run
 * by scripts/benchmark.sh; never part of the test run.
 *
 * <p>Two servers, one after the other: the first with every side for the live benchmarks, the
 * second without the runner for the synthetic sessions, which must never get containers.
 *
 * <p>Arguments: server-jar image output-file seconds port jvm-options synthetic-sessions
 */
public final class Benchmarks {

    /** The groups of benchmarks; {@code BENCH_ONLY} may pick some. */
    static final Set<String> ALL = Set.of("messages", "streams", "tasks", "start", "files", "scale");

    private final List<Row> rows = new ArrayList<>();
    private final Set<String> only;

    private Benchmarks(Set<String> only) {
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String image = args[1];
        Path output = Path.of(args[2]);
        Duration measure = Duration.ofSeconds(Long.parseLong(args[3]));
        int port = Integer.parseInt(args[4]);
        List<String> jvmOptions = Arrays.stream(args[5].trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
        int syntheticSessions = Integer.parseInt(args[6]);
        Set<String> only = args.length > 7 && !args[7].isBlank() ? Set.of(args[7].split(",")) : ALL;

        Benchmarks benchmarks = new Benchmarks(only);
        try (DockerClient docker = docker()) {
            benchmarks.live(jar, jvmOptions, port, image, measure, docker);
        }
        if (only.contains("scale")) {
            benchmarks.atScale(jar, jvmOptions, port, syntheticSessions);
        }
        String table = benchmarks.table(jvmOptions);
        System.out.println(table);
        Files.writeString(output, table);
    }

    private void live(Path jar, List<String> jvmOptions, int port, String image, Duration measure, DockerClient docker)
            throws Exception {
        // the webhook benchmark's receiver listens on 127.0.0.1
        try (BenchServer server = BenchServer.start(jar, jvmOptions, port, Map.of("RAWORC_DEFAULT_IMAGE", image,
                "RAWORC_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true", "RAWORC_RUNNER_WARM_POOL", String.valueOf(SessionStartBenchmark.POOL)))) {
            Api api = server.login();
            SessionsMade sessions = new SessionsMade(api);
            MessageBenchmarks messages = new MessageBenchmarks(api, server.jdbcUrl(), measure, sessions);
            if (only.contains("messages")) {
                rows.addAll(messages.throughput());
                rows.addAll(messages.projectionLag());
            }
            if (only.contains("streams")) {
                rows.addAll(new StreamBenchmark(api, sessions).measure());
                rows.addAll(new WebhookBenchmark(api, sessions).measure());
            }
            if (only.contains("tasks")) {
                rows.addAll(new TaskBenchmark(api, sessions, docker, image).measure());
            }
            if (only.contains("start")) {
                rows.addAll(SessionStartBenchmark.measure(api, sessions, docker, image));
            }
            if (only.contains("files")) {
                rows.addAll(new FilesBenchmark(api, sessions, docker, image).measure());
            }
            sessions.deleteAll(docker);
            rows.add(new Row("server peak resident memory (live benchmarks)", server.peakResidentMb(), "MB", "", Double.NaN));
        }
        SessionStartBenchmark.removeWarmPool(docker);
    }

    private void atScale(Path jar, List<String> jvmOptions, int port, int sessions) throws Exception {
        try (BenchServer server = BenchServer.start(jar, jvmOptions, port, Map.of("RAWORC_SIDES", "command,query"))) {
            rows.addAll(ScaleBenchmarks.run(server.login(), server.jdbcUrl(), sessions, ScaleBenchmarks.MESSAGES_PER_SESSION));
            rows.add(new Row("server peak resident memory (at scale, rebuild)", server.peakResidentMb(), "MB", "", Double.NaN));
        }
    }

    private static DockerClient docker() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    }

    private String table(List<String> jvmOptions) throws Exception {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Raworc benchmarks, %s: %s%n%n", Instant.now(), Machine.describe()));
        String arenas = System.getenv("MALLOC_ARENA_MAX") == null ? "" : "MALLOC_ARENA_MAX=" + System.getenv("MALLOC_ARENA_MAX") + " ";
        table.append(String.format(Locale.ROOT, "Server: `%sjava %s -jar raworc-server.jar`, embedded PostgreSQL.%n%n",
                arenas, String.join(" ", jvmOptions)));
        table.append("| measure | Raworc | limit measured in the same run | limit | ratio |\n|---|---|---|---|---|\n");
        rows.forEach(row -> table.append(row.markdown()).append('\n'));
        return table.toString();
    }
}
