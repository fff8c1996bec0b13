package dev.raworc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.dockerjava.api.DockerClient;

/**
 * The sessions a benchmark run creates, so that it can delete them at the end and wait until the
 * runner has removed their containers and volumes: a run leaves nothing behind in Docker.
 */
final class SessionsMade {

    /** The runner's labels on what it makes in Docker (session-runner's Containers). */
    private static final String MANAGED_LABEL = "dev.raworc.managed";
    private static final String SESSION_LABEL = "dev.raworc.session-id";

    private final Api api;
    private final List<String> made = new ArrayList<>();

    SessionsMade(Api api) {
        this.api = api;
    }

    String create() throws Exception {
        String id = api.createSession();
        made.add(id);
        return id;
    }

    boolean isIdle(String id) throws Exception {
        return "idle".equals(api.send("GET", "/sessions/" + id, null, 200).get("state").asString());
    }

    void awaitIdle(String... ids) throws Exception {
        for (String id : ids) {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!isIdle(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("session " + id + " did not become idle");
                }
                Thread.sleep(10);
            }
        }
    }

    void delete(String id) throws Exception {
        api.send("DELETE", "/sessions/" + id, null, 204);
    }

    /** Deletes every session made and not deleted yet, then waits (up to 2 minutes) for Docker to hold none of theirs. */
    void deleteAll(DockerClient docker) throws Exception {
        for (String id : made) {
            int status = api.raw("DELETE", "/sessions/" + id, null).statusCode();
            if (status != 204 && status != 404) {
                throw new IllegalStateException("DELETE /sessions/" + id + " answered " + status);
            }
        }
        awaitGoneFromDocker(docker, Set.copyOf(made));
        made.clear();
    }

    /** Deletes one session and waits until the runner has removed its container and volume. */
    void deleteAndAwaitGone(DockerClient docker, String id) throws Exception {
        delete(id);
        awaitGoneFromDocker(docker, Set.of(id));
    }

    private void awaitGoneFromDocker(DockerClient docker, Set<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (long left = leftInDocker(docker, ids); left > 0; left = leftInDocker(docker, ids)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(left + " containers or volumes of deleted sessions are still there");
            }
            Thread.sleep(20);
        }
    }

    private static long leftInDocker(DockerClient docker, Set<String> ours) {
        // by name: a container taken from the warm pool has no session label
        long containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(MANAGED_LABEL, "true")).exec()
                .stream().filter(container -> ours.stream().anyMatch(id -> container.getNames()[0].equals("/raworc-session-" + id))).count();
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(MANAGED_LABEL + "=true")).exec().getVolumes();
        return containers + (volumes == null ? 0
                : volumes.stream().filter(volume -> volume.getLabels() != null && volume.getLabels().containsKey(SESSION_LABEL) && ours.contains(volume.getLabels().get(SESSION_LABEL)))
                .count());
    }
}
