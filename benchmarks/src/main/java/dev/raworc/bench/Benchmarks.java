package dev.raworc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * Measures a running Raworc server and, in the same run, the limits of this machine it sits on:
 * raw single-row inserts into the same PostgreSQL, raw container create + start of the same image.
 * Run by scripts/benchmark.sh, which starts the server; never part of the test run.
 *
 * Arguments: api-base admin-password jdbc-url image server-pid output-file seconds
 */
public final class Benchmarks {

    private static final int[] CONCURRENCY = {1, 8, 32};
    private static final int SESSIONS_PER_CLIENT = 4;

    private final Api api;
    private final String jdbcUrl;
    private final String image;
    private final Duration measure;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> sessions = new ArrayList<>();

    private Benchmarks(Api api, String jdbcUrl, String image, Duration measure) {
        this.api = api;
        this.jdbcUrl = jdbcUrl;
        this.image = image;
        this.measure = measure;
    }

    public static void main(String[] args) throws Exception {
        Api api = new Api(args[0]);
        api.login("admin", args[1]);
        Benchmarks benchmarks = new Benchmarks(api, args[2], args[3], Duration.ofSeconds(Long.parseLong(args[6])));
        benchmarks.messageThroughput();
        benchmarks.projectionLag();
        benchmarks.sessionStart();
        benchmarks.peakMemory(Long.parseLong(args[4]));
        benchmarks.deleteSessions();
        String table = benchmarks.table();
        System.out.println(table);
        Files.writeString(Path.of(args[5]), table);
    }

    /** Authenticated SYSTEM messages over HTTP against single-row inserts of event-sized rows. */
    private void messageThroughput() throws Exception {
        String payload = "{\"role\":\"system\",\"content\":\"" + "x".repeat(200) + "\"}";
        createRawTable();
        for (int clients : CONCURRENCY) {
            String[] sessions = new String[clients * SESSIONS_PER_CLIENT];
            for (int i = 0; i < sessions.length; i++) {
                sessions[i] = created(api.createSession());
            }
            awaitIdle(sessions); // their containers start before the measurement, not during it
            Load.Result http = Load.run(clients, Duration.ofSeconds(5), measure, (client, i) -> api.send("POST",
                    "/sessions/" + sessions[(int) (client * SESSIONS_PER_CLIENT + i % SESSIONS_PER_CLIENT)] + "/messages",
                    payload, 201));
            Load.Result raw = rawInserts(clients);
            rows.add(new Row("message POST, " + clients + " clients", http.perSecond(), "req/s",
                    "single-row insert, " + clients + " connections", raw.perSecond()));
            rows.add(new Row("  p50 latency", http.latencies().percentileMillis(50), "ms", "insert p50",
                    raw.latencies().percentileMillis(50)));
            rows.add(new Row("  p99 latency", http.latencies().percentileMillis(99), "ms", "insert p99",
                    raw.latencies().percentileMillis(99)));
            rows.add(new Row("  max latency", http.latencies().maxMillis(), "ms", "insert max", raw.latencies().maxMillis()));
        }
        dropRawTable();
    }

    private String created(String session) {
        sessions.add(session);
        return session;
    }

    private void awaitIdle(String... ids) throws Exception {
        for (String id : ids) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!"idle".equals(api.send("GET", "/sessions/" + id, null, 200).get("state").asString())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("session " + id + " did not become idle");
                }
                Thread.sleep(10);
            }
        }
    }

    /** Deletes the sessions the benchmark made, with their containers and volumes. */
    private void deleteSessions() throws Exception {
        for (String id : sessions) {
            api.raw("DELETE", "/sessions/" + id, null);
        }
    }

    private Load.Result rawInserts(int clients) throws Exception {
        Connection[] connections = new Connection[clients];
        PreparedStatement[] inserts = new PreparedStatement[clients];
        byte[] payload = ("{\"sessionId\":\"" + java.util.UUID.randomUUID() + "\",\"content\":\"" + "x".repeat(200) + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int c = 0; c < clients; c++) {
            connections[c] = DriverManager.getConnection(jdbcUrl);
            connections[c].setAutoCommit(true);
            inserts[c] = connections[c].prepareStatement("INSERT INTO bench_raw_event (aggregate_identifier, sequence_number, "
                    + "event_identifier, payload_type, payload, meta_data, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?)");
        }
        try {
            return Load.run(clients, Duration.ofSeconds(2), measure, (client, i) -> {
                PreparedStatement insert = inserts[client];
                insert.setString(1, "bench-" + client);
                insert.setLong(2, i + (long) client * 1_000_000_000L + System.nanoTime() % 1_000_000);
                insert.setString(3, java.util.UUID.randomUUID().toString());
                insert.setString(4, "dev.raworc.api.session.MessagePostedEvent");
                insert.setBytes(5, payload);
                insert.setBytes(6, "{\"principal\":\"admin\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                insert.setString(7, Instant.now().toString());
                insert.executeUpdate();
            });
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    /** Time from a write's 2xx until a read shows it. */
    private void projectionLag() throws Exception {
        String session = created(api.createSession());
        awaitIdle(session);
        Latencies lag = new Latencies();
        Latencies reads = new Latencies();
        for (int i = 0; i < 500; i++) {
            long seq = api.send("POST", "/sessions/" + session + "/messages", "{\"role\":\"system\",\"content\":\"lag\"}", 201)
                    .get("seq").asLong();
            long written = System.nanoTime();
            while (true) {
                long read = System.nanoTime();
                boolean visible = api.send("GET", "/sessions/" + session + "/messages?after_seq=" + (seq - 1) + "&limit=1",
                        null, 200).size() == 1;
                reads.add(System.nanoTime() - read);
                if (visible) {
                    lag.add(System.nanoTime() - written);
                    break;
                }
            }
        }
        rows.add(new Row("projection lag p50", lag.percentileMillis(50), "ms", "one read's round trip p50",
                reads.percentileMillis(50)));
        rows.add(new Row("projection lag p99", lag.percentileMillis(99), "ms", "one read's round trip p99",
                reads.percentileMillis(99)));
    }

    /** Create → IDLE through the API against raw create + start of the same image (median of 20 each). */
    private void sessionStart() throws Exception {
        double[] api20 = new double[20];
        for (int i = 0; i < api20.length; i++) {
            long started = System.nanoTime();
            String id = api.createSession();
            while (!"idle".equals(api.send("GET", "/sessions/" + id, null, 200).get("state").asString())) {
                Thread.sleep(2);
            }
            api20[i] = (System.nanoTime() - started) / 1e6;
            api.send("DELETE", "/sessions/" + id, null, 204);
        }
        double[] raw20 = new double[20];
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        try (DockerClient docker = DockerClientImpl.getInstance(config,
                new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build())) {
            for (int i = 0; i < raw20.length; i++) {
                long started = System.nanoTime();
                String id = docker.createContainerCmd(image).withLabels(Map.of("dev.raworc.benchmark", "true")).exec().getId();
                docker.startContainerCmd(id).exec();
                raw20[i] = (System.nanoTime() - started) / 1e6;
                docker.removeContainerCmd(id).withForce(true).exec();
            }
        }
        rows.add(new Row("session create → idle (median of 20)", median(api20), "ms",
                "raw docker create + start (median of 20)", median(raw20)));
    }

    private void peakMemory(long pid) throws Exception {
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        double peakMb = Arrays.stream(status.split("\n")).filter(line -> line.startsWith("VmHWM:"))
                .mapToDouble(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0).findFirst().orElse(Double.NaN);
        rows.add(new Row("server peak resident memory", peakMb, "MB", "", Double.NaN));
    }

    private void createRawTable() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            // the event table's shape, with a sequence of its own so the server's events keep theirs
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS bench_raw_event (
                        global_index BIGSERIAL PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number BIGINT NOT NULL, type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL UNIQUE,
                        meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255),
                        payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,
                        UNIQUE (aggregate_identifier, sequence_number))""");
        }
    }

    private void dropRawTable() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_raw_event");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private String table() {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Raworc benchmarks, %s, %d cores, Java %s%n%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        table.append("| measure | Raworc | limit measured in the same run | limit | ratio |\n|---|---|---|---|---|\n");
        rows.forEach(row -> table.append(row.markdown()).append('\n'));
        return table.toString();
    }
}
