package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.SessionVolumes;
import dev.raworc.server.ApiClient.Response;

/**
 * The runner against the real Docker engine, with the local test image built by
 * scripts/build-test-image.sh. Without a reachable engine these tests fail: they do not skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerApiTest {

    static final String IMAGE = DockerSessions.IMAGE;
    private static final Duration READY = DockerSessions.READY;

    private DockerSessions runner;
    private ConfigurableApplicationContext server;
    private DockerClient docker;
    private ApiClient api;
    private String token;

    @BeforeAll
    void startServer() {
        runner = DockerSessions.start("runner", "--raworc.runner.memory=256MB", "--raworc.runner.pids=128",
                "--raworc.runner.cpus=0.5", "--raworc.runner.agent-timeout=3s");
        server = runner.server;
        docker = runner.docker;
        api = runner.api;
        token = runner.token;
    }

    @AfterAll
    void stopServerAndRemoveSessions() {
        if (runner != null) {
            runner.close();
        }
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
            assertThat(mount.getName()).isEqualTo(SessionVolumes.named(UUID.fromString(id)));
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

    /** The agent's environment is made for each task: a secret changed after the start is current at the next one. */
    @Test
    void aSecretChangedAfterTheStartReachesTheNextTask() {
        String key = "FRESH_SECRET_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(api.postJson("/api/v0/secrets", token, "{\"key\":\"" + key + "\",\"value\":\"before\"}").status()).isEqualTo(201);
        String id = createSession();
        awaitState(id, "idle");
        assertThat(ask(id, "echo $" + key).get("content").asString()).isEqualTo("before");

        assertThat(api.send("PUT", "/api/v0/secrets/" + key, token, "application/json", "{\"value\":\"after\"}").status()).isEqualTo(200);

        assertThat(ask(id, "echo $" + key).get("content").asString()).isEqualTo("after");
    }

    /** A task too large for the exec's environment goes in as a file, and reads the same. */
    @Test
    void aLargeTaskReachesTheAgentWhole() {
        String id = createSession();
        awaitState(id, "idle");
        String filler = "x".repeat(100_000);

        JsonNode reply = ask(id, "cat > /dev/null <<'END'\n" + filler + "\nEND\necho read $(( " + filler.length() + " / 1000 ))k");

        assertThat(reply.get("content").asString()).isEqualTo("read 100k");
    }

    /** The checkpoint after a reply comes from the scan its exec ended with: a task is one exec and no archive write. */
    @Test
    void aTaskCostsOneDockerExecIncludingItsCheckpoint() {
        String id = createSession();
        awaitState(id, "idle");
        ask(id, "echo warm");
        Eventually.await(READY, "the first checkpoint", () -> api.get("/api/v0/sessions/" + id + "/checkpoints", token).json().size() >= 1);
        ApiClient management = new ApiClient(Integer.parseInt(server.getEnvironment().getProperty("local.management.port")));
        double execs = dockerCalls(management, "POST /containers/{id}/exec");
        double archiveWrites = dockerCalls(management, "PUT /containers/{id}/archive");
        double archiveReads = dockerCalls(management, "GET /containers/{id}/archive");

        // busybox's find compares whole seconds: a write in the second of the last scan is read on its own
        ask(id, "sleep 1; echo made > /session/made.txt; echo done");
        Eventually.await(READY, "the file in a checkpoint", () -> api.get("/api/v0/sessions/" + id + "/files/made.txt", token).status() == 200);

        assertThat(api.get("/api/v0/sessions/" + id + "/files/made.txt", token).text()).isEqualTo("made\n");
        assertThat(dockerCalls(management, "POST /containers/{id}/exec") - execs).isEqualTo(1.0);
        assertThat(dockerCalls(management, "PUT /containers/{id}/archive") - archiveWrites).isZero();
        assertThat(dockerCalls(management, "GET /containers/{id}/archive") - archiveReads)
                .as("the changed file came with the scan").isZero();
    }

    private static double dockerCalls(ApiClient management, String operation) {
        return scrape(management).filter(line -> line.startsWith("raworc_runner_docker_seconds_count{")
                        && line.contains("operation=\"" + operation + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
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
        assertThat(docker.inspectVolumeCmd(SessionVolumes.named(UUID.fromString(id))).exec()).isNotNull();
        assertThat(api.postJson("/api/v0/sessions/" + id + "/restore", token, null).status()).isEqualTo(200);
        awaitState(id, "idle");
        assertThat(ask(id, "cat /session/kept").get("content").asString()).isEqualTo("kept");

        String child = runner.created(api.postJson("/api/v0/sessions/" + id + "/remix", token, "{\"copy_messages\":false}"));
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
        return runner.create();
    }

    private int post(String id, String task) {
        return runner.post(id, task);
    }

    private JsonNode ask(String id, String task) {
        return runner.ask(id, task);
    }

    private JsonNode awaitMessages(String id, int count) {
        Eventually.await(READY, count + " messages in session " + id, () -> api.get("/api/v0/sessions/" + id + "/messages", token).json()
                .size() >= count);
        return api.get("/api/v0/sessions/" + id + "/messages", token).json();
    }

    private JsonNode awaitState(String id, String state) {
        return runner.awaitState(id, state);
    }

    private void awaitGone(String id) {
        runner.awaitGone(id);
    }

    private boolean volumeExists(String id) {
        return runner.volumeExists(id);
    }
}
