package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import dev.raworc.runner.docker.Containers;

/** The runner keeps Docker and the sessions in step on its own: dead containers, orphans, idleness. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerReconciliationTest {

    private static final String PASSWORD = "reconcile-admin-password";
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final Path dataDir = ServerProcess.newDataDirectory("reconcile");
    private final List<String> sessions = new ArrayList<>();
    private ConfigurableApplicationContext server;
    private ApiClient api;
    private DockerClient docker;
    private String token;

    @BeforeAll
    void startServer() {
        server = ServerProcess.start(dataDir, "--raworc.admin-password=" + PASSWORD,
                "--raworc.default-image=" + RunnerApiTest.IMAGE, "--raworc.runner.warm-pool=0", "--raworc.runner.reconcile-interval=500ms",
                "--raworc.runner.restart-grace=0s", "--raworc.runner.idle-timeout=6s");
        api = ServerProcess.api(server);
        docker = server.getBean(DockerClient.class);
        docker.pingCmd().exec();
        token = api.login("admin", PASSWORD);
    }

    @AfterAll
    void stopServer() {
        if (server == null) {
            return;
        }
        try {
            DeletedSessions.deleteAndAwaitRemoval(api, token, server.getBean(Containers.class), sessions);
        } finally {
            server.close();
        }
    }

    @Test
    void containerKilledFromOutsideErrorsTheSession() {
        String id = createIdleSession();

        docker.killContainerCmd(Containers.containerName(UUID.fromString(id))).exec();

        Eventually.await(WITHIN, "the session to be errored", () -> "errored".equals(session(id).get("state").asString()));
        assertThat(session(id).get("state_reason").asString()).startsWith("the container stopped");
    }

    @Test
    void liveSessionWithoutAContainerGetsOneBack() {
        String id = createIdleSession();
        String before = session(id).get("container_id").asString();

        docker.removeContainerCmd(Containers.containerName(UUID.fromString(id))).withForce(true).exec();

        Eventually.await(WITHIN, "a new container", () -> isRunning(id) && !containerId(id).equals(before));
        assertThat(session(id).get("state").asString()).isEqualTo("idle");
    }

    @Test
    void containerOfAClosedSessionIsRemoved() {
        String id = createIdleSession();
        assertThat(api.postJson("/api/v0/sessions/" + id + "/close", token, null).status()).isEqualTo(200);
        Eventually.await(WITHIN, "the container to go", () -> !exists(id));
        // a container for the closed session appears behind Raworc's back
        docker.createContainerCmd(RunnerApiTest.IMAGE).withName(Containers.containerName(UUID.fromString(id)))
                .withLabels(Map.of(Containers.MANAGED_LABEL, "true", Containers.SESSION_LABEL, id)).exec();

        Eventually.await(WITHIN, "the stray container to be removed", () -> !exists(id));
    }

    @Test
    void idleSessionIsClosedAfterTheIdleTimeout() {
        String id = createIdleSession();

        Eventually.await(WITHIN, "the idle timeout to close the session", () -> "closed".equals(session(id).get("state").asString()));
        assertThat(session(id).get("state_reason").asString()).isEqualTo("idle_timeout");
        Eventually.await(WITHIN, "the container to go", () -> !exists(id));
    }

    private String createIdleSession() {
        String id = api.postJson("/api/v0/sessions", token, null).json().get("id").asString();
        sessions.add(id);
        Eventually.await(WITHIN, "session " + id + " to be idle", () -> "idle".equals(session(id).get("state").asString()));
        return id;
    }

    private JsonNode session(String id) {
        return api.get("/api/v0/sessions/" + id, token).json();
    }

    private boolean exists(String id) {
        try {
            docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id))).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private boolean isRunning(String id) {
        return exists(id) && Boolean.TRUE.equals(docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id)))
                .exec().getState().getRunning());
    }

    private String containerId(String id) {
        return docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id))).exec().getId();
    }

}
