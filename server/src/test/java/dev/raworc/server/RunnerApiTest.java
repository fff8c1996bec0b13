package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import dev.raworc.runner.docker.Containers;
import dev.raworc.server.ApiClient.Response;

/**
 * The runner against the real Docker engine, with the local test image built by
 * scripts/build-test-image.sh. Without a reachable engine these tests fail: they do not skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerApiTest {

    static final String IMAGE = "raworc-test-agent:latest";
    private static final String PASSWORD = "runner-admin-password";
    private static final Duration READY = Duration.ofSeconds(30);

    private final Path dataDir = ServerProcess.newDataDirectory("runner");
    private ConfigurableApplicationContext server;
    private ApiClient api;
    private DockerClient docker;
    private String token;
    private final List<String> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    void startServer() {
        server = ServerProcess.start(dataDir, "--raworc.admin-password=" + PASSWORD, "--raworc.default-image=" + IMAGE,
                "--raworc.runner.memory=256MB", "--raworc.runner.pids=128", "--raworc.runner.cpus=0.5",
                "--raworc.runner.agent-timeout=3s");
        api = ServerProcess.api(server);
        docker = server.getBean(DockerClient.class);
        docker.pingCmd().exec(); // no engine, no runner tests: fail here, loudly
        token = api.login("admin", PASSWORD);
    }

    /**
     * Sessions outlive a server by design; the test's containers and volumes do not outlive the
     * test. They go the way a user removes them (removing containers behind the runner's back made
     * it start them again, and their volumes stayed).
     */
    @AfterAll
    void stopServerAndRemoveSessions() {
        if (server == null) {
            return;
        }
        for (String id : sessions) {
            api.send("DELETE", "/api/v0/sessions/" + id, token, null, null); // 404 when a test deleted it
        }
        for (String id : sessions) {
            awaitGone(id);
            Eventually.await(READY, "the volume of " + id + " to be removed", () -> !volumeExists(id));
        }
        server.close(); // closes the Docker client too
    }

    @Test
    void createdSessionRunsInALabelledLimitedContainerWithItsVolume() {
        long started = System.nanoTime();
        String id = createSession();
        JsonNode session = awaitState(id, "idle");
        System.out.printf("create -> idle: %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());

        InspectContainerResponse container = docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id))).exec();
        assertThat(session.get("container_id").asString()).isEqualTo(container.getId());
        assertThat(container.getState().getRunning()).isTrue();
        assertThat(container.getConfig().getLabels())
                .containsEntry(Containers.MANAGED_LABEL, "true")
                .containsEntry(Containers.SESSION_LABEL, id)
                .containsEntry(Containers.SPACE_LABEL, "default");
        assertThat(container.getConfig().getEnv())
                .contains("RAWORC_SESSION_ID=" + id, "RAWORC_SPACE=default")
                .anyMatch(variable -> variable.startsWith("RAWORC_API_URL="));
        assertThat(container.getHostConfig().getMemory()).isEqualTo(256L * 1024 * 1024);
        assertThat(container.getHostConfig().getPidsLimit()).isEqualTo(128L);
        assertThat(container.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(container.getMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(Containers.volumeName(UUID.fromString(id)));
            assertThat(mount.getDestination().getPath()).isEqualTo("/session");
        });
    }

    @Test
    void taskRunsInTheContainerAndItsOutputIsTheReply() {
        String id = createSession();
        awaitState(id, "idle");

        JsonNode reply = ask(id, "echo hello > /session/f && cat /session/f");

        assertThat(reply.get("content").asString()).isEqualTo("hello");
        assertThat(reply.get("role").asString()).isEqualTo("agent");
        assertThat(reply.at("/metadata/exit_code").asInt()).isZero();
        assertThat(reply.at("/metadata/error").asBoolean()).isFalse();
        assertThat(reply.at("/metadata/duration_ms").isNumber()).isTrue();
        awaitState(id, "idle");
    }

    @Test
    void theScrapeShowsTasksDockerCallsAndContainers() {
        String id = createSession();
        awaitState(id, "idle");
        ask(id, "echo fine");
        ask(id, "exit 4");
        ApiClient management = new ApiClient(Integer.parseInt(server.getEnvironment().getProperty("local.management.port")));

        Eventually.await(READY, "the reconciler to count the running container", () ->
                scrape(management).anyMatch(line -> line.startsWith("raworc_runner_containers{")
                        && line.contains("state=\"running\"") && !line.endsWith(" 0.0")));
        assertThat(scrape(management).toList())
                .anyMatch(line -> line.startsWith("raworc_runner_tasks_seconds_count{") && line.contains("outcome=\"success\""))
                .anyMatch(line -> line.startsWith("raworc_runner_tasks_seconds_count{") && line.contains("outcome=\"failed\""))
                .anyMatch(line -> line.startsWith("raworc_runner_docker_seconds_count{")
                        && line.contains("operation=\"POST /containers/{id}/start\"") && line.contains("outcome=\"success\""))
                .anyMatch(line -> line.startsWith("raworc_processor_lag_events{") && line.contains("group=\"session-runner@default\""));
    }

    private static java.util.stream.Stream<String> scrape(ApiClient management) {
        return management.get("/actuator/prometheus", null).text().lines();
    }

    @Test
    void anOutputWithNulCharactersIsRepliedWithReplacementCharacters() {
        String id = createSession();
        awaitState(id, "idle");

        JsonNode reply = ask(id, "printf 'a\\000b'");

        assertThat(reply.get("content").asString()).isEqualTo("a\uFFFDb");
        assertThat(ask(id, "echo still answering").get("content").asString()).isEqualTo("still answering");
    }

    @Test
    void anOutputBeyondOneMebibyteIsCutAndSaidToBe() {
        String id = createSession();
        awaitState(id, "idle");

        JsonNode reply = ask(id, "yes abc | head -c 3000000");

        assertThat(reply.get("content").asString()).hasSize((1 << 20) - 1).startsWith("abc\nabc\n").endsWith("abc\nabc");
        assertThat(reply.at("/metadata/truncated").asBoolean()).isTrue();
        assertThat(reply.at("/metadata/error").asBoolean()).isFalse();
        assertThat(ask(id, "echo short").at("/metadata/truncated").isMissingNode()).isTrue();
    }

    @Test
    void failingTaskGivesAnErrorReplyAndTheSessionReturnsToIdle() {
        String id = createSession();
        awaitState(id, "idle");

        JsonNode reply = ask(id, "echo broken >&2; exit 3");

        assertThat(reply.at("/metadata/exit_code").asInt()).isEqualTo(3);
        assertThat(reply.at("/metadata/error").asBoolean()).isTrue();
        assertThat(reply.get("content").asString()).isEqualTo("broken");
        awaitState(id, "idle");
    }

    @Test
    void taskRunningPastTheTimeoutGivesAnErrorReply() {
        String id = createSession();
        awaitState(id, "idle");

        JsonNode reply = ask(id, "echo started; sleep 30");

        assertThat(reply.at("/metadata/timed_out").asBoolean()).isTrue();
        assertThat(reply.at("/metadata/error").asBoolean()).isTrue();
        assertThat(reply.get("content").asString()).isEqualTo("started");
        awaitState(id, "idle");
    }

    @Test
    void secretsOfTheSpaceAreTheAgentsEnvironment() {
        String key = "RUNNER_SECRET_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(api.postJson("/api/v0/secrets", token, "{\"key\":\"" + key + "\",\"value\":\"s3cr3t-value\"}").status())
                .isEqualTo(201);
        String id = createSession();
        awaitState(id, "idle");

        assertThat(ask(id, "echo $" + key).get("content").asString()).isEqualTo("s3cr3t-value");
    }

    @Test
    void tasksPostedBeforeTheContainerIsReadyRunInOrderOnceItIs() {
        String id = createSession();
        post(id, "echo first >> /session/log");
        post(id, "echo second >> /session/log; cat /session/log");

        JsonNode replies = awaitMessages(id, 4);

        assertThat(replies.get(3).get("content").asString()).isEqualTo("first\nsecond");
        awaitState(id, "idle");
    }

    @Test
    void filesSurviveCloseAndRestoreAndRemixCopiesThem() {
        String id = createSession();
        awaitState(id, "idle");
        ask(id, "echo kept > /session/kept");

        assertThat(api.postJson("/api/v0/sessions/" + id + "/close", token, null).status()).isEqualTo(200);
        awaitGone(id);
        assertThat(docker.inspectVolumeCmd(Containers.volumeName(UUID.fromString(id))).exec()).isNotNull();
        assertThat(api.postJson("/api/v0/sessions/" + id + "/restore", token, null).status()).isEqualTo(200);
        awaitState(id, "idle");
        assertThat(ask(id, "cat /session/kept").get("content").asString()).isEqualTo("kept");

        Response remix = api.postJson("/api/v0/sessions/" + id + "/remix", token, "{\"copy_messages\":false}");
        String child = remix.json().get("id").asString();
        sessions.add(child);
        awaitState(child, "idle");
        assertThat(ask(child, "cat /session/kept").get("content").asString()).isEqualTo("kept");
    }

    @Test
    void deleteLeavesNoContainerAndNoVolume() {
        String id = createSession();
        awaitState(id, "idle");

        assertThat(api.send("DELETE", "/api/v0/sessions/" + id, token, null, null).status()).isEqualTo(204);

        awaitGone(id);
        Eventually.await(READY, "the volume of " + id + " to be removed", () -> !volumeExists(id));
    }

    @Test
    void theSessionTokenReachesItsOwnSessionOnlyAndDiesWithIt() {
        String id = createSession();
        String other = createSession();
        awaitState(id, "idle");
        String agent = environmentOf(id, "RAWORC_TOKEN");

        assertThat(api.get("/api/v0/sessions/" + id, agent).status()).isEqualTo(200);
        assertThat(api.get("/api/v0/sessions/" + id + "/messages", agent).status()).isEqualTo(200);
        assertThat(api.postJson("/api/v0/sessions/" + id + "/messages", agent,
                "{\"role\":\"agent\",\"content\":\"reporting\"}").status()).isEqualTo(201);
        assertThat(api.get("/api/v0/auth/me", agent).json().get("type").asString()).isEqualTo("Session");
        for (String path : List.of("/api/v0/sessions", "/api/v0/sessions/" + other, "/api/v0/sessions/" + other
                + "/messages", "/api/v0/spaces", "/api/v0/secrets", "/api/v0/service-accounts")) {
            assertThat(api.get(path, agent).status()).as(path).isEqualTo(403);
        }
        assertThat(api.postJson("/api/v0/sessions", agent, null).status()).isEqualTo(403);

        assertThat(api.postJson("/api/v0/sessions/" + id + "/close", token, null).status()).isEqualTo(200);
        Response refused = api.get("/api/v0/sessions/" + id, agent);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.error()).isEqualTo("UNAUTHORIZED: Token is no longer valid: its session is closed or deleted");
    }

    private String environmentOf(String id, String variable) {
        return java.util.Arrays.stream(docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id))).exec()
                        .getConfig().getEnv())
                .filter(entry -> entry.startsWith(variable + "="))
                .map(entry -> entry.substring(variable.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError(variable + " not in the container's environment"));
    }

    private String createSession() {
        Response created = api.postJson("/api/v0/sessions", token, null);
        assertThat(created.status()).isEqualTo(201);
        sessions.add(created.json().get("id").asString());
        return created.json().get("id").asString();
    }

    private int post(String id, String task) {
        Response posted = api.postJson("/api/v0/sessions/" + id + "/messages", token,
                ApiClient.JSON.writeValueAsString(java.util.Map.of("content", task)));
        assertThat(posted.status()).isEqualTo(201);
        return posted.json().get("seq").asInt();
    }

    /** Posts a task and long-polls for the agent's reply to it. */
    private JsonNode ask(String id, String task) {
        int seq = post(id, task);
        Response reply = api.get("/api/v0/sessions/" + id + "/messages?role=agent&after_seq=" + seq + "&wait=30", token);
        assertThat(reply.json().size()).as("a reply to task " + seq).isEqualTo(1);
        return reply.json().get(0);
    }

    private JsonNode awaitMessages(String id, int count) {
        Eventually.await(READY, count + " messages in session " + id, () -> api.get("/api/v0/sessions/" + id + "/messages", token).json()
                .size() >= count);
        return api.get("/api/v0/sessions/" + id + "/messages", token).json();
    }

    private JsonNode awaitState(String id, String state) {
        Predicate<JsonNode> inState = session -> state.equals(session.get("state").asString());
        Eventually.await(READY, "session " + id + " to be " + state, () -> inState.test(api.get("/api/v0/sessions/" + id, token).json()));
        return api.get("/api/v0/sessions/" + id, token).json();
    }

    private void awaitGone(String id) {
        Eventually.await(READY, "the container of " + id + " to be removed", () -> {
            List<Container> containers = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(java.util.Map.of(Containers.SESSION_LABEL, id)).exec();
            return containers.isEmpty();
        });
    }

    private boolean volumeExists(String id) {
        try {
            docker.inspectVolumeCmd(Containers.volumeName(UUID.fromString(id))).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }
}
