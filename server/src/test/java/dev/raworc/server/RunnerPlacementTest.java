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

/**
 * Two named runners on one database (and, here, one Docker engine): a session is placed on a live
 * runner, only that runner touches its container, a runner gone longer than lost-after has its
 * sessions ERRORED with {@code runner_lost}, and when it comes back it cleans up and runs its
 * sessions again once restored.
 */
class RunnerPlacementTest {

    private static final Duration WITHIN = Duration.ofSeconds(45);
    private static final String[] RUNNER = {"--raworc.sides=runner", "--raworc.default-image=" + RunnerApiTest.IMAGE,
            "--raworc.runner.reconcile-interval=500ms", "--raworc.runner.heartbeat-interval=500ms",
            "--raworc.runner.lost-after=3s"};

    @Test
    void aSessionRunsOnlyOnItsRunnerAndIsLostWithIt() {
        try (IdentityServer server = IdentityServer.start(TestDatabase.dataSource(), "--raworc.sides=command,query",
                "--raworc.default-image=" + RunnerApiTest.IMAGE)) {
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
            assertThat(docker.inspectVolumeCmd(Containers.volumeName(UUID.fromString(onB))).exec()).as("files kept").isNotNull();
            assertThat(api.postJson("/api/v0/sessions/" + onB + "/restore", token, null).status()).isEqualTo(200);
            awaitState(api, token, onB, "idle");
            assertThat(labels(runnerB, onB)).containsEntry(Containers.RUNNER_LABEL, "b");

            DeletedSessions.deleteAndAwaitRemoval(api, token, runnerB.getBean(Containers.class), List.of(onB));
            DeletedSessions.deleteAndAwaitRemoval(api, token, runnerA.getBean(Containers.class), List.of(onA));
        }
    }

    private static String[] runner(String name) {
        String[] arguments = java.util.Arrays.copyOf(RUNNER, RUNNER.length + 1);
        arguments[RUNNER.length] = "--raworc.runner.name=" + name;
        return arguments;
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
