package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.raworc.platform.testing.TestDatabase;
import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.SessionVolumes;

/**
 * Two named runners on one database (and, here, one Docker engine): a session is placed on a live
 * runner, only that runner touches its container, a runner gone longer than lost-after has its
 * sessions ERRORED with {@code runner_lost}, and when it comes back it cleans up and runs its
 * sessions again once restored.
 */
class RunnerPlacementTest {

    private static final Duration WITHIN = Duration.ofSeconds(45);
    private static final String[] RUNNER = {"--raworc.sides=runner", "--raworc.default-image=" + RunnerApiTest.IMAGE, "--raworc.runner.warm-pool=0",
            "--raworc.runner.reconcile-interval=500ms", "--raworc.runner.heartbeat-interval=500ms",
            "--raworc.runner.lost-after=3s"};

    @Test
    void aSessionRunsOnlyOnItsRunnerAndIsLostWithIt() {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query",
                "--raworc.default-image=" + RunnerApiTest.IMAGE, "--raworc.runner.warm-pool=0")) {
            ApiClient api = server.api();
            String token = api.login("admin", ApiTest.ADMIN_PASSWORD);
            ConfigurableApplicationContext runnerB = server.startProcess(runner("b"));
            String onB = api.postJson("/api/v0/sessions", token, null).json().get("id").asString();
            awaitState(api, token, onB, "idle");
            JdbcClient jdbc = runnerB.getBean(JdbcClient.class);
            assertThat(runnerOf(jdbc, onB)).isEqualTo("b");
            assertThat(labels(runnerB, onB)).containsEntry(Containers.RUNNER_LABEL, "b");

            ConfigurableApplicationContext runnerA = server.startProcess(runner("a"));
            DockerClient docker = runnerA.getBean(DockerClient.class);
            server.stop(runnerB);
            String onA = api.postJson("/api/v0/sessions", token, null).json().get("id").asString();
            awaitState(api, token, onA, "idle");
            assertThat(runnerOf(jdbc(runnerA), onA)).isEqualTo("a");

            awaitState(api, token, onB, "errored");
            assertThat(api.get("/api/v0/sessions/" + onB, token).json().get("state_reason").asString()).isEqualTo("runner_lost");
            assertThat(running(docker, onB)).as("runner a leaves b's container alone").isTrue();
            assertThat(runnerA.getBean(Containers.class).managed()).extracting(c -> c.getLabels().get(Containers.SESSION_LABEL))
                    .containsExactly(onA);

            runnerB = server.startProcess(runner("b"));
            Eventually.await(WITHIN, "b removes the container of its errored session",
                    () -> !exists(docker, onB));
            assertThat(docker.inspectVolumeCmd(SessionVolumes.named(UUID.fromString(onB))).exec()).as("files kept").isNotNull();
            assertThat(api.postJson("/api/v0/sessions/" + onB + "/restore", token, null).status()).isEqualTo(200);
            awaitState(api, token, onB, "idle");
            assertThat(labels(runnerB, onB)).containsEntry(Containers.RUNNER_LABEL, "b");

            DeletedSessions.deleteAndAwaitRemoval(api, token, runnerB.getBean(Containers.class), List.of(onB));
            DeletedSessions.deleteAndAwaitRemoval(api, token, runnerA.getBean(Containers.class), List.of(onA));
        }
    }

    /** Runner w keeps a warm container, runner a none: new sessions wait a moment for w, and start warm there. */
    @Test
    void newSessionsArePlacedOnARunnerWithAWarmContainer() {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query",
                "--raworc.default-image=" + RunnerApiTest.IMAGE, "--raworc.runner.warm-pool=0")) {
            ApiClient api = server.api();
            String token = api.login("admin", ApiTest.ADMIN_PASSWORD);
            ConfigurableApplicationContext cold = server.startProcess(runner("a"));
            ConfigurableApplicationContext warm = server.startProcess(runner("w", "--raworc.runner.warm-pool=1"));
            List<String> sessions = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Eventually.await(WITHIN, "w's warm container ready and said so", () -> jdbc(cold).sql(
                            "SELECT warm_members FROM runner_heartbeats WHERE runner = 'w'").query(Integer.class).optional().orElse(0) > 0);
                    String id = api.postJson("/api/v0/sessions", token, null).json().get("id").asString();
                    sessions.add(id);
                    awaitState(api, token, id, "idle");
                    assertThat(runnerOf(jdbc(cold), id)).as("session %d", i).isEqualTo("w");
                }
            } finally {
                DeletedSessions.deleteAndAwaitRemoval(api, token, warm.getBean(Containers.class), sessions);
                WarmMembers.removeAll(warm.getBean(DockerClient.class));
            }
        }
    }

    private static String[] runner(String name, String... more) {
        List<String> arguments = new java.util.ArrayList<>(List.of(RUNNER));
        arguments.add("--raworc.runner.name=" + name);
        for (String setting : more) {
            arguments.removeIf(argument -> argument.startsWith(setting.substring(0, setting.indexOf('=') + 1)));
            arguments.add(setting);
        }
        return arguments.toArray(String[]::new);
    }

    private static void awaitState(ApiClient api, String token, String id, String state) {
        Eventually.await(WITHIN, "session " + id + " " + state,
                () -> state.equals(api.get("/api/v0/sessions/" + id, token).json().get("state").asString()));
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext process) {
        return process.getBean(JdbcClient.class);
    }

    private static String runnerOf(JdbcClient jdbc, String id) {
        Eventually.await(WITHIN, "runner state of " + id, () -> jdbc.sql("SELECT runner FROM runner_sessions WHERE id = ?::uuid")
                .param(id).query(String.class).optional().isPresent());
        return jdbc.sql("SELECT runner FROM runner_sessions WHERE id = ?::uuid").param(id).query(String.class).single();
    }

    private static Map<String, String> labels(ConfigurableApplicationContext runner, String id) {
        return runner.getBean(DockerClient.class).inspectContainerCmd(Containers.containerName(UUID.fromString(id)))
                .exec().getConfig().getLabels();
    }

    private static boolean running(DockerClient docker, String id) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id)))
                .exec().getState().getRunning());
    }

    private static boolean exists(DockerClient docker, String id) {
        try {
            docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id))).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }
}
