package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.raworc.server.ApiClient.Response;

/**
 * A server killed under load keeps every message it acknowledged and is back, by itself, within a
 * minute: first with only its JVM killed, its embedded PostgreSQL left running as an orphan, then
 * with the JVM and every PostgreSQL process killed at once, as a power cut does. After each
 * restart the first write works and sustained writes are as fast as before the crash within the
 * gap timeout: transactions that died with the crash leave holes in the event table's numbering
 * that must not hold writes up for good.
 */
class CrashRecoveryTest {

    private static final String PASSWORD = "crash-recovery-password";
    private static final int SESSIONS = 4;
    private static final int CLIENTS = 16;
    /** Load before the kill, long enough for the kill to land amid writes of every client. */
    private static final Duration LOAD = Duration.ofSeconds(4);
    private static final int MEASURING_CLIENTS = 8;
    private static final Duration WINDOW = Duration.ofSeconds(2);
    /** The speed before the crash, over two windows: on a shared machine one is a noisy measure. */
    private static final Duration BEFORE = WINDOW.multipliedBy(2);
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(60);
    /**
     * How long the child waits for a missing event before it counts it as never committed: short,
     * so the test is, yet long enough for a new JVM to warm up and for more than one window.
     */
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final Path dataDir = ServerProcess.newDataDirectory("crash-recovery");
    private Process server;
    private Path log;
    private int port;
    private ApiClient api;
    private String token;

    @Test
    void acknowledgedMessagesSurviveAKilledJvmAndThenAPowerCut() throws Exception {
        try {
            start();
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                sessions.add(SessionApi.ok(api.postJson(IdentityApi.BASE + "/sessions", token, "{}"), 201).get("id").asString());
            }
            MessageLoad load = new MessageLoad(sessions);

            crashAndRecover(load, "the JVM killed, PostgreSQL orphaned", this::killTheJvm);
            crashAndRecover(load, "power cut", this::killTheJvmAndPostgres);
        } finally {
            stop();
        }
    }

    private void crashAndRecover(MessageLoad load, String crash, Kill kill) throws Exception {
        double before = MessageLoad.median(load.latencies(port, token, MEASURING_CLIENTS, BEFORE));
        ExecutorService clients = load.untilTheServerDies(port, token, CLIENTS);
        Thread.sleep(LOAD.toMillis());
        long killed = System.nanoTime();
        kill.now();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).as("every client saw the server go").isTrue();
        assertThat(load.refused()).as("answers other than 201 before the kill; see " + log).isEmpty();
        int acknowledged = load.acknowledged().size();

        start();
        long healthy = awaitHealthy(killed, crash);
        Duration firstWrite = load.postOne(api, token);
        assertThat(load.refused()).as("the first write after the restart (%s); see %s", crash, log).isEmpty();
        AcknowledgedMessages.assertListed(api, token, load.acknowledged(), crash + "; see " + log);

        List<Double> medians = mediansUntilBackToSpeed(load, before, healthy);
        String timings = String.format("%s: %d messages acknowledged before the kill, healthy %d ms after it, first write %d ms, "
                + "median write %.1f ms before (%s), then %s ms in windows of %s", crash, acknowledged, (healthy - killed) / 1_000_000,
                firstWrite.toMillis(), before, BEFORE, medians.stream().map(median -> String.format("%.1f", median)).toList(), WINDOW);
        System.out.println(timings);
        assertThat(medians.get(medians.size() - 1)).as("median write latency back within 2x of before, in a window begun within "
                + "the gap timeout %s after healthy (%s); see %s", GAP_TIMEOUT, timings, log).isLessThanOrEqualTo(2 * before);
        assertThat(load.refused()).as("answers other than 201 after the restart; see " + log).isEmpty();
    }

    /**
     * Medians of windows of sustained writes, until one is within 2x of the median before the crash
     * or a window has begun after the gap timeout: by then the holes left by the crash are closed.
     */
    private List<Double> mediansUntilBackToSpeed(MessageLoad load, double before, long healthy) throws Exception {
        List<Double> medians = new ArrayList<>();
        long windowStart;
        do {
            windowStart = System.nanoTime();
            medians.add(MessageLoad.median(load.latencies(port, token, MEASURING_CLIENTS, WINDOW)));
        } while (medians.get(medians.size() - 1) > 2 * before && windowStart - healthy < GAP_TIMEOUT.toNanos());
        return medians;
    }

    /** SIGKILL to the JVM alone: its embedded PostgreSQL lives on as an orphan. */
    private void killTheJvm() throws Exception {
        ProcessHandle postmaster = postmaster();
        server.destroyForcibly().waitFor();
        assertThat(postmaster.isAlive()).as("the orphaned PostgreSQL %d runs on", postmaster.pid()).isTrue();
    }

    /** SIGKILL to the JVM and to every PostgreSQL process together, as when the machine loses power. */
    private void killTheJvmAndPostgres() throws Exception {
        List<ProcessHandle> postgres = Postmaster.withChildren(postmaster());
        server.destroyForcibly();
        postgres.forEach(ProcessHandle::destroyForcibly);
        server.waitFor();
        for (ProcessHandle process : postgres) {
            process.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private ProcessHandle postmaster() throws Exception {
        return Postmaster.of(dataDir).orElseThrow(() -> new AssertionError("no embedded PostgreSQL runs for " + dataDir));
    }

    private void start() throws Exception {
        log = ChildServers.log("crash-recovery");
        server = ChildServers.start(log, List.of("-Xmx256m"), "--server.port=0", "--raworc.data-dir=" + dataDir,
                "--raworc.sides=command,query", "--raworc.admin-password=" + PASSWORD,
                "--raworc.jwt-secret=crash-recovery-jwt-secret-that-is-long-enough",
                "--raworc.event-store.gap-timeout=" + GAP_TIMEOUT.toSeconds() + "s");
        port = ChildServers.port(log);
        api = new ApiClient(port);
        token = api.login("admin", PASSWORD);
    }

    /** @return when the server answered healthy, which must be within a minute of the kill */
    private long awaitHealthy(long killed, String crash) {
        Duration left = HEALTHY_WITHIN.minusNanos(System.nanoTime() - killed);
        Eventually.await(left.isNegative() ? Duration.ZERO : left, "healthy within " + HEALTHY_WITHIN + " of the kill ("
                + crash + "); see " + log, () -> {
                    Response health = api.get(IdentityApi.BASE + "/health", null);
                    return health.status() == 200 && health.json().get("status").asString().equals("UP");
                });
        return System.nanoTime();
    }

    /** Stops the last server as an operator would, and leaves no PostgreSQL of this test running. */
    private void stop() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(1, TimeUnit.MINUTES)) {
                server.destroyForcibly().waitFor();
            }
        }
        Postmaster.killIfAlive(dataDir);
    }

    @FunctionalInterface
    private interface Kill {
        void now() throws Exception;
    }
}
