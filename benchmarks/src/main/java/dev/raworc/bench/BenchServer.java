package dev.raworc.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A Raworc server the benchmarks start on a fresh embedded data directory, as a user would. */
final class BenchServer implements AutoCloseable {

    static final String ADMIN_PASSWORD = "benchmark-password";
    private static final Pattern POSTGRES_PORT = Pattern.compile("PostgreSQL on port (\\d+)");

    private final Process process;
    private final Path data;
    private final Path log;
    private final String apiBase;
    private final String jdbcUrl;

    private BenchServer(Process process, Path data, Path log, String apiBase, String jdbcUrl) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.apiBase = apiBase;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Starts {@code java <jvmOptions> -jar <jar>} with the given environment on top of a fresh data
     * directory and waits until it answers its health check.
     */
    static BenchServer start(Path jar, List<String> jvmOptions, int port, Map<String, String> environment) throws Exception {
        Path data = Files.createTempDirectory("raworc-bench-");
        Path log = Files.createTempFile("raworc-bench-server-", ".log");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        // metrics and probes on as users run it, on the port after the API's
        builder.environment().putAll(Map.of("RAWORC_PORT", String.valueOf(port), "RAWORC_MANAGEMENT_PORT", String.valueOf(port + 1),
                "RAWORC_DATA_DIR", data.toString(), "RAWORC_ADMIN_PASSWORD", ADMIN_PASSWORD));
        Process process = builder.start();
        String apiBase = "http://localhost:" + port + "/api/v0";
        awaitHealthy(process, apiBase, log);
        Matcher postgres = POSTGRES_PORT.matcher(Files.readString(log));
        if (!postgres.find()) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not say which port its PostgreSQL listens on; see " + log);
        }
        return new BenchServer(process, data, log, apiBase, "jdbc:postgresql://localhost:" + postgres.group(1) + "/postgres?user=postgres");
    }

    private static void awaitHealthy(Process process, String apiBase, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server stopped while starting; see " + log);
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(apiBase + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not become healthy within 3 minutes; see " + log);
    }

    Api login() throws IOException, InterruptedException {
        Api api = new Api(apiBase);
        api.login("admin", ADMIN_PASSWORD);
        return api;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The server's peak resident memory so far, in MB (the JVM's; its PostgreSQL is a process of its own). */
    double peakResidentMb() throws IOException {
        String status = Files.readString(Path.of("/proc/" + process.pid() + "/status"));
        return Arrays.stream(status.split("\n")).filter(line -> line.startsWith("VmHWM:"))
                .mapToDouble(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0).findFirst().orElse(Double.NaN);
    }

    /**
     * Stops the server as an operator would (SIGTERM), so it stops its PostgreSQL too, and deletes
     * its data directory; its log stays for a look.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            System.err.println("the server did not stop within 2 minutes and was killed; see " + log);
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
