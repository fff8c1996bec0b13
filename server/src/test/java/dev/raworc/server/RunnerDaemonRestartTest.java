package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.WarmPool;

/**
 * After the Docker daemon restarts, live sessions run and are IDLE again without anyone acting.
 * Restarting the daemon is drastic, so this runs only where the environment says how
 * (RAWORC_TEST_RESTART_DOCKER, which .ci/run sets for the daemon it starts itself).
 */
class RunnerDaemonRestartTest {

    private static final String RESTART = System.getenv("RAWORC_TEST_RESTART_DOCKER");
    private final Path dataDir = ServerProcess.newDataDirectory("daemon-restart");

    @Test
    void sessionsAreRunningAndIdleSoonAfterTheDaemonAnswersAgain() throws Exception {
        assumeTrue(RESTART != null, "RAWORC_TEST_RESTART_DOCKER is not set: not restarting this machine's Docker daemon");
        try (ConfigurableApplicationContext server = ServerProcess.start(dataDir, "--raworc.admin-password=restart-password",
                "--raworc.default-image=" + RunnerApiTest.IMAGE, "--raworc.runner.reconcile-interval=500ms",
                "--raworc.runner.warm-pool=2")) {
            ApiClient api = ServerProcess.api(server);
            String token = api.login("admin", "restart-password");
            List<String> sessions = List.of(create(api, token), create(api, token));
            for (String id : sessions) {
                awaitIdle(api, token, id, Duration.ofSeconds(30));
                assertThat(reply(api, token, id, "echo before > /session/mark; cat /session/mark")).isEqualTo("before");
            }

            Process restart = new ProcessBuilder(RESTART).inheritIO().start();
            assertThat(restart.waitFor(3, TimeUnit.MINUTES)).as("the daemon restarted in time").isTrue();
            assertThat(restart.exitValue()).isZero();
            long answering = System.nanoTime();

            Containers containers = server.getBean(Containers.class);
            for (String id : sessions) {
                while (!containers.isRunning(UUID.fromString(id))) {
                    assertThat(Duration.ofNanos(System.nanoTime() - answering)).as("container of " + id + " back")
                            .isLessThan(Duration.ofSeconds(10));
                    Thread.sleep(100);
                }
                awaitIdle(api, token, id, Duration.ofSeconds(10).minusNanos(System.nanoTime() - answering));
                assertThat(reply(api, token, id, "cat /session/mark")).isEqualTo("before");
            }
            // the warm pool is whole again, and serves
            WarmPool pool = server.getBean(WarmPool.class);
            Eventually.await(Duration.ofSeconds(30), "a full warm pool after the restart", () -> pool.size() == 2);
            String after = create(api, token);
            awaitIdle(api, token, after, Duration.ofSeconds(10));
            assertThat(reply(api, token, after, "echo $RAWORC_SESSION_ID")).isEqualTo(after);
            List<String> made = List.of(sessions.get(0), sessions.get(1), after);

            // removed the way a user removes them: behind the runner's back it would start them again
            for (String id : made) {
                assertThat(api.send("DELETE", "/api/v0/sessions/" + id, token, null, null).status()).isEqualTo(204);
            }
            List<UUID> removed = made.stream().map(UUID::fromString).toList();
            Eventually.await(Duration.ofSeconds(30), "the runner to remove the sessions' containers and volumes",
                    () -> containers.managed().stream().noneMatch(container -> Containers.sessionOf(container).filter(removed::contains).isPresent())
                            && containers.managedVolumes().stream().noneMatch(volume -> containers.sessionOf(volume).filter(removed::contains).isPresent()));
            WarmMembers.removeAll(server.getBean(com.github.dockerjava.api.DockerClient.class));
        }
    }

    private static String create(ApiClient api, String token) {
        return api.postJson("/api/v0/sessions", token, null).json().get("id").asString();
    }

    private static void awaitIdle(ApiClient api, String token, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!"idle".equals(api.get("/api/v0/sessions/" + id, token).json().get("state").asString())) {
            assertThat(System.nanoTime()).as("session " + id + " idle in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String reply(ApiClient api, String token, String id, String task) {
        int seq = api.postJson("/api/v0/sessions/" + id + "/messages", token,
                ApiClient.JSON.writeValueAsString(java.util.Map.of("content", task))).json().get("seq").asInt();
        return api.get("/api/v0/sessions/" + id + "/messages?role=agent&after_seq=" + seq + "&wait=30", token)
                .json().get(0).get("content").asString();
    }
}
