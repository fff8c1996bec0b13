package dev.raworc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import dev.raworc.runner.docker.Containers;
import dev.raworc.runner.docker.SessionVolumes;
import dev.raworc.server.ApiClient.Response;

/**
 * A whole server whose runner drives the real Docker engine with the local test image (built by
 * scripts/build-test-image.sh), and the sessions a test made on it. Without a reachable engine it
 * fails at start: runner tests never skip. Closing it removes the sessions the way a user would
 * (removing containers behind the runner's back made it start them again, and volumes stayed).
 */
final class DockerSessions implements AutoCloseable {

    static final String IMAGE = "raworc-test-agent:latest";
    static final Duration READY = Duration.ofSeconds(30);
    private static final String PASSWORD = "runner-admin-password";

    final ConfigurableApplicationContext server;
    final ApiClient api;
    final DockerClient docker;
    final String token;
    private final List<String> sessions = new CopyOnWriteArrayList<>();

    private DockerSessions(ConfigurableApplicationContext server) {
        this.server = server;
        this.api = ServerProcess.api(server);
        this.docker = server.getBean(DockerClient.class);
        docker.pingCmd().exec(); // no engine, no runner tests: fail here, loudly
        this.token = api.login("admin", PASSWORD);
    }

    /** A server; without a warm pool unless the properties ask for one, so each session gets a container of its own. */
    static DockerSessions start(String purpose, String... properties) {
        List<String> args = new java.util.ArrayList<>(List.of("--raworc.admin-password=" + PASSWORD, "--raworc.default-image=" + IMAGE));
        if (java.util.Arrays.stream(properties).noneMatch(property -> property.startsWith("--raworc.runner.warm-pool="))) {
            args.add("--raworc.runner.warm-pool=0");
        }
        args.addAll(List.of(properties));
        return new DockerSessions(ServerProcess.start(ServerProcess.newDataDirectory(purpose), args.toArray(String[]::new)));
    }

    String create() {
        return created(api.postJson("/api/v0/sessions", token, null));
    }

    /** Takes a session made by a request (a remix, say) into the ones removed at the end. */
    String created(Response created) {
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("id").asString();
        sessions.add(id);
        return id;
    }

    int post(String id, String task) {
        Response posted = api.postJson("/api/v0/sessions/" + id + "/messages", token,
                ApiClient.JSON.writeValueAsString(Map.of("content", task)));
        assertThat(posted.status()).isEqualTo(201);
        return posted.json().get("seq").asInt();
    }

    /** Posts a task and long-polls for the agent's reply to it. */
    JsonNode ask(String id, String task) {
        int seq = post(id, task);
        Response reply = api.get("/api/v0/sessions/" + id + "/messages?role=agent&after_seq=" + seq + "&wait=30", token);
        assertThat(reply.json().size()).as("a reply to task " + seq).isEqualTo(1);
        return reply.json().get(0);
    }

    JsonNode awaitState(String id, String state) {
        Eventually.await(READY, "session " + id + " to be " + state,
                () -> state.equals(api.get("/api/v0/sessions/" + id, token).json().get("state").asString()));
        return api.get("/api/v0/sessions/" + id, token).json();
    }

    /** Until the session has no container (by name: one taken from the warm pool has no session label). */
    void awaitGone(String id) {
        Eventually.await(READY, "the container of " + id + " to be removed", () -> !exists(() ->
                docker.inspectContainerCmd(Containers.containerName(UUID.fromString(id))).exec()));
    }

    boolean volumeExists(String id) {
        return volumeNamed(SessionVolumes.named(UUID.fromString(id)));
    }

    boolean volumeNamed(String volume) {
        return exists(() -> docker.inspectVolumeCmd(volume).exec());
    }

    private static boolean exists(Runnable inspect) {
        try {
            inspect.run();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    @Override
    public void close() {
        SessionVolumes volumes = server.getBean(SessionVolumes.class);
        Map<String, String> volumeOf = new java.util.HashMap<>();
        sessions.forEach(id -> volumeOf.put(id, volumes.of(UUID.fromString(id))));
        for (String id : sessions) {
            api.send("DELETE", "/api/v0/sessions/" + id, token, null, null); // 404 when a test deleted it
        }
        for (String id : sessions) {
            awaitGone(id);
            Eventually.await(READY, "the volume of " + id + " to be removed", () -> !volumeNamed(volumeOf.get(id)));
        }
        server.close(); // closes the Docker client too
    }
}
