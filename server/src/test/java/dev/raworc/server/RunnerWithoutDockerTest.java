package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Without a reachable Docker engine the server runs on: health says so, and sessions fail with a reason. */
class RunnerWithoutDockerTest {

    private final Path dataDir = ServerProcess.newDataDirectory("no-docker");

    @Test
    void serverStartsReportsTheRuntimeDownAndErrorsNewSessions() throws InterruptedException {
        try (ConfigurableApplicationContext server = ServerProcess.start(dataDir,
                "--raworc.admin-password=no-docker-password",
                "--raworc.runner.docker-host=unix://" + dataDir.resolve("no-such-docker.sock"))) {
            ApiClient api = ServerProcess.api(server);
            JsonNode health = api.get("/api/v0/health", null).json();
            assertThat(health.get("status").asString()).isEqualTo("UP");
            assertThat(health.at("/checks/container_runtime").asString()).isEqualTo("DOWN");

            String token = api.login("admin", "no-docker-password");
            String id = api.postJson("/api/v0/sessions", token, null).json().get("id").asString();

            long deadline = System.nanoTime() + 10_000_000_000L;
            JsonNode session = api.get("/api/v0/sessions/" + id, token).json();
            while (!"errored".equals(session.get("state").asString()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                session = api.get("/api/v0/sessions/" + id, token).json();
            }
            assertThat(session.get("state").asString()).isEqualTo("errored");
            assertThat(session.get("state_reason").asString()).startsWith("the container could not start");
        }
    }
}
