package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import dev.raworc.runner.docker.Containers;

/**
 * A runner that starts late (or after a crash) catches up from what is recorded: live sessions get
 * their containers and unanswered tasks are handed over, though the runner never replays events.
 */
class RunnerRecoveryTest {

    private final Path dataDir = ServerProcess.newDataDirectory("runner-recovery");

    @Test
    void aRunnerStartingLateStartsTheSessionAndAnswersItsWaitingTask() throws InterruptedException {
        String id;
        String token;
        try (ConfigurableApplicationContext withoutRunner = ServerProcess.start(dataDir,
                "--raworc.admin-password=recovery-password", "--raworc.sides=command,query",
                "--raworc.default-image=" + RunnerApiTest.IMAGE, "--raworc.runner.warm-pool=0")) {
            ApiClient api = ServerProcess.api(withoutRunner);
            token = api.login("admin", "recovery-password");
            id = api.postJson("/api/v0/sessions", token, null).json().get("id").asString();
            assertThat(api.postJson("/api/v0/sessions/" + id + "/messages", token,
                    "{\"content\":\"echo recovered\"}").json().get("seq").asInt()).isEqualTo(1);
        }

        try (ConfigurableApplicationContext withRunner = ServerProcess.start(dataDir,
                "--raworc.default-image=" + RunnerApiTest.IMAGE, "--raworc.runner.warm-pool=0", "--raworc.runner.reconcile-interval=500ms")) {
            ApiClient api = ServerProcess.api(withRunner);
            JsonNode reply = api.get("/api/v0/sessions/" + id + "/messages?role=agent&after_seq=1&wait=30", token).json();

            assertThat(reply.size()).isEqualTo(1);
            assertThat(reply.get(0).get("content").asString()).isEqualTo("recovered");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"idle".equals(api.get("/api/v0/sessions/" + id, token).json().get("state").asString())) {
                assertThat(System.nanoTime()).as("session idle again").isLessThan(deadline);
                Thread.sleep(100);
            }
            DeletedSessions.deleteAndAwaitRemoval(api, token, withRunner.getBean(Containers.class), List.of(id));
        }
    }
}
